using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using VideoPlatform.Contracts;

namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>
/// YouTube's InnerTube API: one player request as one client would make it, and the WEB client's
/// other endpoints (<c>browse</c>, <c>search</c>, <c>navigation/resolve_url</c>, <c>next</c>).
/// </summary>
public sealed class InnerTubeClient(IHttpClientFactory clients, IOptions<YouTubeOptions> options)
{
    /// <summary>The WEB client's version, for the endpoints that serve pages rather than streams.</summary>
    public const string WebVersion = "2.20260708.00.00";

    /// <summary>
    /// POSTs <paramref name="body"/> to <c>/youtubei/v1/{endpoint}</c> as the WEB client. A 404 is
    /// answered as <see cref="ErrorCodes.NotFound"/> (unknown handles, channels), other failures
    /// as upstream errors. <paramref name="fields"/> (<c>$fields</c>) asks for only those parts of the answer.
    /// </summary>
    public async Task<JsonObject> PostWebAsync(string endpoint, JsonObject body, CancellationToken cancellationToken, string? fields = null)
    {
        body["context"] = new JsonObject
        {
            ["client"] = new JsonObject { ["clientName"] = "WEB", ["clientVersion"] = WebVersion, ["hl"] = options.Value.Language, ["gl"] = options.Value.Region },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.Value.BaseUrl,
            $"/youtubei/v1/{endpoint}?prettyPrint=false{(fields is null ? "" : "&$fields=" + fields)}"))
        { Content = JsonRequestContent.Create(body) };
        request.Headers.Add("X-YouTube-Client-Name", "1");
        request.Headers.Add("X-YouTube-Client-Version", WebVersion);
        using var response = await clients.CreateClient(nameof(InnerTubeClient)).SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new ProblemException(ErrorCodes.NotFound, $"YouTube's {endpoint} API knows no such thing.");
        }
        response.EnsureUpstreamAnswered($"YouTube's {endpoint} API");
        try
        {
            return await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken) ?? [];
        }
        catch (JsonException ex)
        {
            throw new ProblemException(ErrorCodes.UpstreamUnavailable, $"YouTube's {endpoint} API answered something that is not JSON.", ex);
        }
    }

    public async Task<JsonObject> GetPlayerAsync(string videoId, InnerTubeClientProfile profile, PlayerCall call, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var context = InnerTubeContext.For(profile, settings, call.VisitorData);
        var playerRequest = new JsonObject { ["videoId"] = videoId, ["contentCheckOk"] = true, ["racyCheckOk"] = true };
        if (call.SignatureTimestamp is { } sts)
        {
            // Tells YouTube which player will decipher the answer, so the scrambling matches it.
            playerRequest["playbackContext"] = new JsonObject
            {
                ["contentPlaybackContext"] = new JsonObject { ["html5Preference"] = "HTML5_PREF_WANTS", ["signatureTimestamp"] = sts },
            };
        }
        if (call.PoToken is { } poToken)
        {
            playerRequest["serviceIntegrityDimensions"] = new JsonObject { ["poToken"] = poToken };
        }
        JsonObject body;
        string path;
        if (profile.Endpoint == "reel")
        {
            body = new JsonObject { ["context"] = context, ["playerRequest"] = playerRequest, ["disablePlayerResponse"] = false };
            path = "/youtubei/v1/reel/reel_item_watch?prettyPrint=false";
        }
        else
        {
            body = playerRequest;
            body["context"] = context;
            path = "/youtubei/v1/player?prettyPrint=false";
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.BaseUrl, path)) { Content = JsonRequestContent.Create(body) };
        InnerTubeContext.AddHeaders(request, profile, call.VisitorData);

        using var response = await clients.CreateClient(nameof(InnerTubeClient)).SendAsync(request, cancellationToken);
        response.EnsureUpstreamAnswered($"YouTube's player API for the {profile.Name} client");

        try
        {
            var answer = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken)
                         ?? throw new ProblemException(ErrorCodes.UpstreamUnavailable, "YouTube's player API answered an empty body.");
            return profile.Endpoint == "reel"
                ? answer["playerResponse"] as JsonObject ?? throw new ProblemException(ErrorCodes.UpstreamUnavailable, "YouTube's reel answer has no player response.")
                : answer;
        }
        catch (JsonException ex)
        {
            throw new ProblemException(ErrorCodes.UpstreamUnavailable, "YouTube's player API answered something that is not JSON.", ex);
        }
    }
}
