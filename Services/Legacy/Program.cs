using VideoPlatform.Legacy.Apis;
using VideoPlatform.Legacy.Extensions;
using VideoPlatform.Legacy.Upstream;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UsePlatformAliases();
app.MapDefaultEndpoints();
app.MapSimpleApi();
app.MapVrchatApi();
app.MapV1Api();
app.MapV2Api();
app.MapV2StreamApi();
app.MapV3Api();
app.MapConcurrentApi();
app.MapRetiredRoutes();
app.MapOldDocumentRoutes();
app.Run();

/// <summary>Entry point, visible to <c>WebApplicationFactory</c> in tests.</summary>
public partial class Program;
