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
app.MapV2VideosApi();
app.MapV3StreamingApi();
app.MapV3VideosApi();
app.MapV3MetaApi();
app.MapConcurrentApi();
app.MapRetiredRoutes();
app.MapOldDocumentRoutes();
app.Run();

/// <summary>Entry point, visible to <c>WebApplicationFactory</c> in tests.</summary>
public partial class Program;
