namespace FlexPower.Core.Common;

/// <summary>The API contract's <c>Error</c> schema: every API failure has this body.</summary>
public sealed record ApiError(int StatusCode, string Message);
