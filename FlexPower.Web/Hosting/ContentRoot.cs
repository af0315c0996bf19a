namespace FlexPower.Web.Hosting;

public static class ContentRoot
{
    /// <summary>
    /// The working directory when it holds the app's settings (dotnet run, a service started in its folder),
    /// otherwise the executable's folder, so `out/FlexPower.Web` started from elsewhere still reads its appsettings.json.
    /// </summary>
    public static string? Locate()
    {
        if (File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"))) return null;
        return File.Exists(Path.Combine(AppContext.BaseDirectory, "appsettings.json")) ? AppContext.BaseDirectory : null;
    }
}
