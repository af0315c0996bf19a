using FlexPower.Core;
using FlexPower.Web.Hosting;

if (CommandLine.IsCommand(args))
    return await CommandLine.RunAsync(args, Console.Out, Console.Error);

try
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = ContentRoot.Locate() });
    builder.AddFlexPowerLogging();
    builder.AddFlexPowerTelemetry();
    builder.Services.AddFlexPowerCore(builder.Configuration, builder.Environment.ContentRootPath);
    builder.Services.AddFlexPowerWeb(builder.Configuration);

    var app = builder.Build();
    // The pipeline first: it reads the web's own settings, so a bad one stops the start before the database is touched.
    app.UseFlexPowerPipeline();
    ListenAddresses.EnsureFree(app);
    await app.Services.InitializeFlexPowerAsync(app.Configuration, Console.Out);
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (StartupErrors.Describe(e) is { } reason)
{
    Console.Error.WriteLine($"FlexPower could not start: {reason}");
    return 1;
}

public partial class Program;
