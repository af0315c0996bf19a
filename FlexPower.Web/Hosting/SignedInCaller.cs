using System.Security.Claims;
using FlexPower.Core.Accounts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Rendering;

namespace FlexPower.Web.Hosting;

/// <summary>
/// The one place that turns the signed-in user into Core's <see cref="Caller"/>. Components receive it as a cascading value
/// (<c>[CascadingParameter] Caller</c>) from <see cref="CascadingCaller"/> around the router; endpoints as a handler
/// parameter of type <see cref="Caller"/>, a service of the request, built from its authenticated user.
/// </summary>
public static class SignedInCaller
{
    public static IServiceCollection AddSignedInCaller(this IServiceCollection services) =>
        services.AddHttpContextAccessor().AddScoped(RequestCaller);

    /// <summary>Nobody signed in is a caller without name, role or trader id: Core shows them nothing.</summary>
    internal static Caller Of(ClaimsPrincipal user) =>
        new(user.Identity?.Name ?? "", user.IsInRole(Roles.Manager), user.FindFirstValue(Roles.TraderIdClaim));

    // A circuit's scope outlives the request that opened it, and that request's user would not follow a sign-out:
    // only a request's own scope builds the caller from its user; components take the cascading value instead.
    private static Caller RequestCaller(IServiceProvider services) =>
        services.GetRequiredService<IHttpContextAccessor>().HttpContext is { } context && context.RequestServices == services
            ? Of(context.User)
            : throw new InvalidOperationException("Caller is a handler parameter of HTTP endpoints; components take [CascadingParameter] Caller.");
}

/// <summary>Cascades the signed-in user's <see cref="Caller"/> to every component below it, following the authentication state.</summary>
public sealed class CascadingCaller : ComponentBase
{
    private Caller? caller;

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;
    [Parameter] public RenderFragment? ChildContent { get; set; }

    protected override async Task OnParametersSetAsync() => caller = SignedInCaller.Of((await AuthenticationState).User);

    // Keyed by the caller and fixed: when the authentication state names someone else (signed out by revalidation, another
    // account), the components below start afresh with the new caller rather than keep what they loaded for the old one.
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        if (caller is null) return;
        builder.OpenComponent<CascadingValue<Caller>>(0);
        builder.SetKey(caller);
        builder.AddComponentParameter(1, nameof(CascadingValue<>.Value), caller);
        builder.AddComponentParameter(2, nameof(CascadingValue<>.IsFixed), true);
        builder.AddComponentParameter(3, nameof(CascadingValue<>.ChildContent), ChildContent);
        builder.CloseComponent();
    }
}
