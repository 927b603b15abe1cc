using VideoPlatform.Legacy.Apis;
using VideoPlatform.Legacy.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapSimpleApi();
app.MapVrchatApi();
app.MapV1Api();
app.MapV2Api();
app.MapV3Api();
app.Run();

/// <summary>Entry point, visible to <c>WebApplicationFactory</c> in tests.</summary>
public partial class Program;
