using FlexPower.Web.Api;
using FlexPower.Web.Components;
using FlexPower.Web.Components.Account;
using FlexPower.Web.Endpoints;

namespace FlexPower.Web;

public static class WebApplicationExtensions
{
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
        app.UseWhen(context => ApiPaths.IsApi(context.Request.Path),
            api => api.UseStatusCodePages(ApiErrorWriter.WriteStatusCodeBodyAsync));
        app.UseWhen(context => !ApiPaths.IsApi(context.Request.Path),
            pages => pages.UseStatusCodePagesWithReExecute("/not-found"));

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapOpenApi().AllowAnonymous();
        app.MapHealthEndpoints();
        app.MapUsersEndpoints();
        app.MapAccountEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
