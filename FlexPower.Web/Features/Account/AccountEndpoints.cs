using FlexPower.Core.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;

namespace FlexPower.Web.Features.Account;

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder routes)
    {
        // A form POST with an antiforgery token, so no other site can log a user out.
        routes.MapPost("/Account/Logout", Logout)
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .ExcludeFromDescription();
        return routes;
    }

    internal static async Task<Results<RedirectHttpResult, BadRequest<string>>> Logout(HttpContext context, SignInManager<AppUser> signIn)
    {
        // The middleware only records the check; an endpoint that binds no form must refuse a forged request itself.
        if (context.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
            return TypedResults.BadRequest("The sign-out form has expired or did not come from FlexPower: reload the page and sign out again.");
        await signIn.SignOutAsync();
        return TypedResults.LocalRedirect("/Account/Login");
    }
}
