using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using VideoPlatform.Contracts;

namespace VideoPlatform.Metadata.Extractors.Twitch;

/// <summary>
/// Twitch's public GraphQL endpoint, as the web player calls it (its public client id, plain
/// queries), and the playlist service that turns a VOD access token into an HLS master playlist.
/// </summary>
public sealed class TwitchGqlClient(IHttpClientFactory clients, IOptions<TwitchOptions> options)
{
    private const string VodQuery = """
        query Vod($id: ID!) {
          video(id: $id) {
            id title description lengthSeconds createdAt viewCount previewThumbnailURL(width: 1280, height: 720)
            owner { id login displayName }
            game { name }
          }
          videoPlaybackAccessToken(id: $id, params: { platform: "web", playerBackend: "mediaplayer", playerType: "site" }) { value signature }
        }
        """;

    private const string ClipQuery = """
        query Clip($slug: ID!) {
          clip(slug: $slug) {
            id slug title durationSeconds viewCount createdAt thumbnailURL
            broadcaster { id login displayName }
            game { name }
            videoQualities { quality frameRate sourceURL }
            playbackAccessToken(params: { platform: "web", playerBackend: "mediaplayer", playerType: "site" }) { value signature }
          }
        }
        """;

    public Task<JsonObject?> GetVodAsync(string id, CancellationToken cancellationToken) =>
        QueryAsync(VodQuery, new JsonObject { ["id"] = id }, cancellationToken);

    public Task<JsonObject?> GetClipAsync(string slug, CancellationToken cancellationToken) =>
        QueryAsync(ClipQuery, new JsonObject { ["slug"] = slug }, cancellationToken);

    /// <summary>The VOD's master playlist URL, signed with its access token.</summary>
    public Uri VodPlaylistUrl(string id, string token, string signature) =>
        new(options.Value.UsherUrl,
            $"/vod/{id}.m3u8?allow_source=true&allow_audio_only=true&player=twitchweb&playlist_include_framerate=true"
            + $"&sig={Uri.EscapeDataString(signature)}&token={Uri.EscapeDataString(token)}");

    /// <summary>Fetches a playlist; 403 means the VOD is for subscribers only.</summary>
    public async Task<string> GetPlaylistAsync(Uri url, CancellationToken cancellationToken)
    {
        using var response = await clients.CreateClient(nameof(TwitchGqlClient)).GetAsync(url, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.Forbidden)
        {
            throw new ProblemException(ErrorCodes.MembersOnly, "Twitch serves this VOD to channel subscribers only.");
        }
        response.EnsureUpstreamAnswered("Twitch's playlist service");
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    private async Task<JsonObject?> QueryAsync(string query, JsonObject variables, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Value.GqlUrl)
        {
            Content = JsonRequestContent.Create(new JsonObject { ["query"] = query, ["variables"] = variables }),
        };
        request.Headers.Add("Client-Id", options.Value.ClientId);

        using var response = await clients.CreateClient(nameof(TwitchGqlClient)).SendAsync(request, cancellationToken);
        response.EnsureUpstreamAnswered("Twitch GraphQL");

        try
        {
            var body = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
            if (body?["errors"] is JsonArray { Count: > 0 } errors && body["data"] is null)
            {
                throw new ProblemException(ErrorCodes.UpstreamUnavailable, $"Twitch GraphQL refused the query: {errors[0]?["message"]}");
            }
            return body?["data"] as JsonObject;
        }
        catch (JsonException ex)
        {
            throw new ProblemException(ErrorCodes.UpstreamUnavailable, "Twitch GraphQL answered something that is not JSON.", ex);
        }
    }
}
