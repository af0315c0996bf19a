using FlexPower.Core;
using FlexPower.Web;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = WebApplicationExtensions.LocateContentRoot() });
builder.AddFlexPowerLogging();
builder.Services.AddFlexPowerCore(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddFlexPowerWeb();

var app = builder.Build();
await app.Services.InitializeFlexPowerAsync(app.Configuration, Console.Out);
app.UseFlexPowerPipeline();
app.Run();

public partial class Program;
