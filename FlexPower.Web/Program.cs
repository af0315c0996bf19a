using FlexPower.Core;
using FlexPower.Web;
using FlexPower.Web.Cli;

if (FlexPowerCommands.IsCommand(args))
    return await FlexPowerCommands.RunAsync(args, Console.Out, Console.Error);

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = WebApplicationExtensions.LocateContentRoot() });
builder.AddFlexPowerLogging();
builder.Services.AddFlexPowerCore(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddFlexPowerWeb(builder.Configuration);

var app = builder.Build();
await app.Services.InitializeFlexPowerAsync(app.Configuration, Console.Out);
app.UseFlexPowerPipeline();
app.Run();
return 0;

public partial class Program;
