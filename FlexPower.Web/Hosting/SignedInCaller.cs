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
    internal static Caller Of(ClaimsPrincipal user, string? address = null) =>
        new(user.Identity?.Name ?? "", user.IsInRole(Roles.Manager), user.FindFirstValue(Roles.TraderIdClaim)) { Address = address };

    /// <summary>
    /// The peer address of a request, as the audit trail records it (an IPv4 client on a dual-stack socket as plain IPv4).
    /// The app configures no forwarded-headers middleware, so behind a proxy this is the proxy: no client-sent header is trusted.
    /// </summary>
    public static string? AddressOf(HttpContext context) => context.Connection.RemoteIpAddress is { } ip
        ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString()
        : null;

    // A circuit's scope outlives the request that opened it, and that request's user would not follow a sign-out:
    // only a request's own scope builds the caller from its user; components take the cascading value instead.
    private static Caller RequestCaller(IServiceProvider services) =>
        services.GetRequiredService<IHttpContextAccessor>().HttpContext is { } context && context.RequestServices == services
            ? Of(context.User, AddressOf(context))
            : throw new InvalidOperationException("Caller is a handler parameter of HTTP endpoints; components take [CascadingParameter] Caller.");
}

/// <summary>
/// Cascades the signed-in user's <see cref="Caller"/> to every component below it, following the authentication state. Its
/// address is the one of the request that rendered the page and opened the circuit (<see cref="Address"/>, passed down by
/// App from its HttpContext like the theme): a circuit has no request of its own afterwards.
/// </summary>
public sealed class CascadingCaller : ComponentBase
{
    private Caller? caller;

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;
    [Parameter] public RenderFragment? ChildContent { get; set; }
    [Parameter] public string? Address { get; set; }

    protected override async Task OnParametersSetAsync() => caller = SignedInCaller.Of((await AuthenticationState).User, Address);

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
