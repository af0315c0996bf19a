using FlexPower.Core.Accounts;
using FlexPower.Core.Common;
using FlexPower.Core.Data;
using Microsoft.AspNetCore.DataProtection;
using FlexPower.Core.Import;
using FlexPower.Web.Api;
using FlexPower.Web.Features.Account;
using FlexPower.Web.Features.Health;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;

namespace FlexPower.Web.Hosting;

public static class WebServices
{
    private const string SelectScheme = "FlexPower";

    /// <summary>Blazor, MudBlazor, cookie login for pages and HTTP Basic for the API, JSON and error conventions.</summary>
    public static IServiceCollection AddFlexPowerWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        // Pages, API answers and Scalar's scripts leave compressed (brotli, else gzip); static assets arrive precompressed
        // from MapStaticAssets with their Content-Encoding set, which the middleware leaves alone. HTTPS responses stay
        // uncompressed (the default, against BREACH): TLS ends at the proxy, so the app itself speaks plain HTTP.
        services.AddResponseCompression();
        services.AddMudServices(options =>
        {
            // Bottom left, short-lived and closable: a confirmation never covers the form it confirms.
            options.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomLeft;
            options.SnackbarConfiguration.VisibleStateDuration = 4000;
            options.SnackbarConfiguration.ShowTransitionDuration = 200;
            options.SnackbarConfiguration.HideTransitionDuration = 300;
            options.SnackbarConfiguration.MaxDisplayedSnackbars = 3;
            options.SnackbarConfiguration.PreventDuplicates = true;
            options.SnackbarConfiguration.ClearAfterNavigation = true;
        });

        // Core registers Identity's users and roles; signing in (cookies for pages, Basic for the API) is the web host's part.
        new IdentityBuilder(typeof(AppUser), typeof(IdentityRole), services).AddSignInManager<FlexPowerSignInManager>();
        // The key ring that protects login cookies lives in the database, so a cookie issued by one instance works on all.
        services.AddDataProtection().SetApplicationName("FlexPower").PersistKeysToDbContext<FlexPowerDbContext>();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddSignedInCaller();
        services.AddMemoryCache();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = SelectScheme;
                options.DefaultChallengeScheme = SelectScheme;
                options.DefaultForbidScheme = SelectScheme;
            })
            .AddPolicyScheme(SelectScheme, "Cookie for pages, Bearer token or Basic for the API", options =>
                options.ForwardDefaultSelector = context =>
                    !ApiPaths.IsApi(context.Request.Path) ? IdentityConstants.ApplicationScheme
                    : BearerAuthenticationHandler.IsPresentedBy(context.Request) ? BearerAuthenticationHandler.SchemeName
                    : BasicAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(BasicAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, BearerAuthenticationHandler>(BearerAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "FlexPower.Auth";
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.ExpireTimeSpan = TimeSpan.FromHours(10);
            options.SlidingExpiration = true;
        });
        // Disabling an account or resetting its password ends its browser sessions within a minute.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddTokenScopePolicies();

        services.ConfigureHttpJsonOptions(options => ContractJson.Configure(options.SerializerOptions));
        services.Configure<ApiOptions>(configuration.GetSection("Api"));
        services.AddSingleton<IValidateOptions<ApiOptions>, ApiOptionsValidation>();
        // Binding failures (malformed JSON, missing parameters) become exceptions so ApiExceptionHandler explains them.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddOptions<Microsoft.AspNetCore.Http.Features.FormOptions>()
            .Configure<IOptions<ImportOptions>>((form, import) => form.MultipartBodyLengthLimit = import.Value.MaxUploadBytes);
        services.AddFlexPowerOpenApi();
        services.AddFlexPowerHealthChecks(configuration);
        return services;
    }
}
