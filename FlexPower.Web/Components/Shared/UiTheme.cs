namespace FlexPower.Web.Components.Shared;

/// <summary>
/// The theme the page is painted in, cascaded from the layout; charts read it to colour their paper, text and grid.
/// <paramref name="FollowsSystem"/>: the user has not chosen, so the OS setting decides (the layout asks the browser).
/// </summary>
public sealed record UiTheme(bool IsDark, bool FollowsSystem = false);
