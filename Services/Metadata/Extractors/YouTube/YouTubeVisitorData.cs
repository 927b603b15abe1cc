using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>
/// The visitor data a client sends (in its context and as <c>X-Goog-Visitor-Id</c>), asked of
/// <c>/youtubei/v1/visitor_id</c> as that client and kept for <see cref="YouTubeOptions.VisitorDataTtl"/>:
/// one request per client and period, shared by concurrent callers. A failure is not the video's:
/// the player is then asked without it, and the visitor data asked for again a minute later.
/// </summary>
public sealed partial class YouTubeVisitorData(
    IHttpClientFactory clients,
    IOptions<YouTubeOptions> options,
    TimeProvider time,
    ILogger<YouTubeVisitorData> logger)
{
    private readonly ConcurrentDictionary<string, (Lazy<Task<string?>> Lookup, DateTimeOffset Until)> _known = new();

    public async Task<string?> GetAsync(InnerTubeClientProfile profile, CancellationToken cancellationToken)
    {
        if (!profile.SendsVisitorData)
        {
            return null;
        }
        var now = time.GetUtcNow();
        var entry = _known.AddOrUpdate(profile.Name,
            _ => Fresh(profile, now),
            (_, known) => known.Until <= now ? Fresh(profile, now) : known);
        return await entry.Lookup.Value.WaitAsync(cancellationToken);
    }

    private (Lazy<Task<string?>>, DateTimeOffset) Fresh(InnerTubeClientProfile profile, DateTimeOffset now)
    {
        var lookup = new Lazy<Task<string?>>(() => LookUpAsync(profile));
        return (lookup, now + options.Value.VisitorDataTtl);
    }

    private async Task<string?> LookUpAsync(InnerTubeClientProfile profile)
    {
        var settings = options.Value;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10), time);
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.BaseUrl, "/youtubei/v1/visitor_id?prettyPrint=false"))
            {
                Content = JsonRequestContent.Create(new JsonObject { ["context"] = InnerTubeContext.For(profile, settings, null) }),
            };
            InnerTubeContext.AddHeaders(request, profile, null);
            using var response = await clients.CreateClient(nameof(InnerTubeClient)).SendAsync(request, timeout.Token);
            response.EnsureSuccessStatusCode();
            var answer = await response.Content.ReadFromJsonAsync<JsonObject>(timeout.Token);
            if (answer?["responseContext"]?["visitorData"]?.GetValue<string>() is { Length: > 0 } visitorData)
            {
                return visitorData;
            }
            LogVisitorDataFailed(logger, profile.Name, "the answer has no responseContext.visitorData");
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException or InvalidOperationException)
        {
            LogVisitorDataFailed(logger, profile.Name, ex.Message);
        }
        // Asked for again soon rather than after the whole period.
        _known[profile.Name] = (new Lazy<Task<string?>>(() => Task.FromResult<string?>(null)), time.GetUtcNow() + settings.PlayerFailureTtl);
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "YouTube visitor data for the {Client} client could not be had: {Reason}; asking without it")]
    private static partial void LogVisitorDataFailed(ILogger logger, string client, string reason);
}
