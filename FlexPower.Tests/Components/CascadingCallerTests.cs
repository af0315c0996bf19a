using System.Security.Claims;
using Bunit;
using FlexPower.Core.Accounts;
using FlexPower.Web.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace FlexPower.Tests.Components;

public sealed class CascadingCallerTests
{
    [Fact]
    public async Task ComponentsGetTheSignedInUsersCaller_AndStartAfreshWithTheAnonymousOneWhenTheSessionEnds()
    {
        await using var context = new BunitContext();
        var auth = context.AddAuthorization();
        auth.SetAuthorized("ben");
        auth.SetRoles(Roles.Trader);
        auth.SetClaims(new Claim(Roles.TraderIdClaim, "trader_2"));

        var root = context.Render<CascadingCaller>(p => p.AddChildContent<CallerProbe>());
        var first = root.FindComponent<CallerProbe>().Instance;
        Assert.Equal(new Caller("ben", false, "trader_2"), first.Shown);

        auth.SetNotAuthorized(); // what revalidation does to a disabled account's open page

        root.WaitForAssertion(() => Assert.Equal(new Caller("", false, null), root.FindComponent<CallerProbe>().Instance.Shown));
        Assert.NotSame(first, root.FindComponent<CallerProbe>().Instance);
    }

    private sealed class CallerProbe : ComponentBase
    {
        [CascadingParameter] private Caller Caller { get; set; } = default!;

        public Caller? Shown { get; private set; }

        protected override void OnParametersSet() => Shown = Caller;

        protected override void BuildRenderTree(RenderTreeBuilder builder) => builder.AddContent(0, Caller.UserName);
    }
}
