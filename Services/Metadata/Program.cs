using VideoPlatform.Metadata.Apis;
using VideoPlatform.Metadata.Captions;
using VideoPlatform.Metadata.Cookies;
using VideoPlatform.Metadata.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapPlatformsApi();
app.MapVideosApi();
app.MapCaptionsApi();
app.MapPlaylistsApi();
app.MapSearchApi();
app.MapAuthApi();
app.Run();

/// <summary>Entry point, visible to <c>WebApplicationFactory</c> in tests.</summary>
public partial class Program;
