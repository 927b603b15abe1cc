using VideoPlatform.Streaming.Apis;
using VideoPlatform.Streaming.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapStreamMetricsApi();
app.MapStreamApi();
app.MapStreamBatchApi();
app.MapDownloadsApi();
app.Run();

/// <summary>Entry point, visible to <c>WebApplicationFactory</c> in tests.</summary>
public partial class Program;
