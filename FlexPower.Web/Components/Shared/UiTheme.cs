namespace FlexPower.Web.Components.Shared;

/// <summary>The theme the page is painted in, cascaded from the layout; charts read it to colour their paper, text and grid.</summary>
public sealed record UiTheme(bool IsDark);
