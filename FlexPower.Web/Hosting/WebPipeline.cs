using FlexPower.Web.Api;
using FlexPower.Web.Components;
using FlexPower.Web.Features.Account;
using FlexPower.Web.Features.Alerts;
using FlexPower.Web.Features.Audit;
using FlexPower.Web.Features.Limits;
using FlexPower.Web.Features.Health;
using FlexPower.Web.Features.Imports;
using FlexPower.Web.Features.Planner;
using FlexPower.Web.Features.Reports;
using FlexPower.Web.Features.Prices;
using FlexPower.Web.Features.Tokens;
using FlexPower.Web.Features.Trades;
using FlexPower.Web.Features.Users;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace FlexPower.Web.Hosting;

public static class WebPipeline
{
    /// <summary>
    /// The console log: one readable line per event with UTC timestamps, or with Logging:Console:FormatterName=json one JSON
    /// object per event for machine-read logs (the console logger takes its formatter from that setting).
    /// </summary>
    public static WebApplicationBuilder AddFlexPowerLogging(this WebApplicationBuilder builder)
    {
        const string utcTimestamp = "yyyy-MM-ddTHH:mm:ss.fffZ";
        builder.Logging.ClearProviders();
        // Runs after the setting is read: without one the console logger would fall back to its old options, multi-line.
        builder.Logging.AddConsole(options => options.FormatterName ??= ConsoleFormatterNames.Simple);
        builder.Services.Configure<SimpleConsoleFormatterOptions>(options =>
        {
            options.SingleLine = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = utcTimestamp + " ";
        });
        builder.Services.Configure<JsonConsoleFormatterOptions>(options =>
        {
            options.UseUtcTimestamp = true;
            options.TimestampFormat = utcTimestamp;
        });
        return builder;
    }

    public static WebApplication UseFlexPowerPipeline(this WebApplication app)
    {
        // Read before the first request, so a bad setting stops the start with one line instead of failing every call.
        _ = app.Services.GetRequiredService<IOptions<ApiOptions>>().Value;
        _ = app.Services.GetRequiredService<IOptions<HealthOptions>>().Value;
        app.UseResponseCompression();
        app.UseMiddleware<SecurityHeaders>();
        // API exceptions are answered by ApiExceptionHandler; anything else re-renders the Error page without a stack trace.
        app.UseExceptionHandler("/Error", createScopeForErrors: true);
        // Bodiless error statuses: pages re-render as the not-found page (registered on the app itself,
        // so re-execution is routed again); API requests get the Error body first, which the outer one then leaves alone.
        app.UseStatusCodePagesWithReExecute("/not-found");
        app.UseWhen(context => ApiPaths.IsApi(context.Request.Path),
            api => api.UseStatusCodePages(ApiErrorWriter.WriteStatusCodeBodyAsync));

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<JsonBodyGuard>();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapFlexPowerApiReference();
        app.MapHealthEndpoints();
        app.MapUsersEndpoints();
        app.MapTradesEndpoints();
        app.MapImportsEndpoints();
        app.MapReportsEndpoints();
        app.MapPricesEndpoints();
        app.MapAlertsEndpoints();
        app.MapLimitsEndpoints();
        app.MapAuditEndpoints();
        app.MapTokensEndpoints();
        app.MapPlanningEndpoints(app.Configuration);
        app.MapAccountEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
