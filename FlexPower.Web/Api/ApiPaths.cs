namespace FlexPower.Web.Api;

public static class ApiPaths
{
    /// <summary>REST paths authenticate with HTTP Basic and answer errors as JSON, never with a redirect or an HTML page.</summary>
    public static bool IsApi(PathString path) =>
        path.StartsWithSegments("/v1") || path.StartsWithSegments("/productionplan");
}
