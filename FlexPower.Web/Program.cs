using FlexPower.Core;
using FlexPower.Web.Hosting;

if (CommandLine.IsCommand(args))
    return await CommandLine.RunAsync(args, Console.Out, Console.Error);

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = ContentRoot.Locate() });
builder.AddFlexPowerLogging();
builder.Services.AddFlexPowerCore(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddFlexPowerWeb(builder.Configuration);

var app = builder.Build();
await app.Services.InitializeFlexPowerAsync(app.Configuration, Console.Out);
app.UseFlexPowerPipeline();
app.Run();
return 0;

public partial class Program;
