using FlexPower.Web.Api;
using FlexPower.Web.Components;
using FlexPower.Web.Components.Account;
using FlexPower.Web.Endpoints;

namespace FlexPower.Web;

public static class WebApplicationExtensions
{
    /// <summary>
    /// The working directory when it holds the app's settings (dotnet run, a service started in its folder),
    /// otherwise the executable's folder, so `out/FlexPower.Web` started from elsewhere still reads its appsettings.json.
    /// </summary>
    public static string? LocateContentRoot()
    {
        if (File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"))) return null;
        return File.Exists(Path.Combine(AppContext.BaseDirectory, "appsettings.json")) ? AppContext.BaseDirectory : null;
    }

    /// <summary>One readable line per event with UTC timestamps; set Logging:Console:FormatterName=json for machine-read logs.</summary>
    public static WebApplicationBuilder AddFlexPowerLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
        });
        return builder;
    }

    public static WebApplication UseFlexPowerPipeline(this WebApplication app)
    {
        // API exceptions are answered by ApiExceptionHandler; anything else re-renders the Error page without a stack trace.
        app.UseExceptionHandler("/Error", createScopeForErrors: true);
        // Bodiless error statuses: pages re-render as the not-found page (registered on the app itself,
        // so re-execution is routed again); API requests get the Error body first, which the outer one then leaves alone.
        app.UseStatusCodePagesWithReExecute("/not-found");
        app.UseWhen(context => ApiPaths.IsApi(context.Request.Path),
            api => api.UseStatusCodePages(ApiErrorWriter.WriteStatusCodeBodyAsync));

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapOpenApi().AllowAnonymous();
        app.MapHealthEndpoints();
        app.MapUsersEndpoints();
        app.MapTradesEndpoints();
        app.MapImportsEndpoints();
        app.MapReportsEndpoints();
        app.MapPlanningEndpoints(app.Configuration);
        app.MapAccountEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
