using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.TestSupport;

/// <summary>
/// The metadata service as streaming and legacy call it, on loopback: <c>/api/v2/resolve</c> knows
/// <c>https://youtu.be/{id}</c> links, <c>/api/v2/videos/{platform}/{id}/formats</c> answers what the
/// test's function gives, and what either does not know is answered as metadata answers it, with
/// problem details carrying the stable code (<c>invalid_url</c>, <c>video_unavailable</c>).
/// </summary>
public sealed class FakeMetadata : IAsyncDisposable
{
    private const string ShortLink = "https://youtu.be/";

    private readonly LoopbackServer _server;

    private FakeMetadata(LoopbackServer server) => _server = server;

    public Uri Address => _server.Address;

    /// <summary>Every request as <c>METHOD /path?query</c>, in arrival order.</summary>
    public ConcurrentQueue<string> Requests => _server.Requests;

    /// <summary>
    /// Starts a fake whose formats of a video are <paramref name="formats"/>' answer (by platform and
    /// id), or video_unavailable where it has none; <paramref name="more"/> adds routes of the test's own.
    /// </summary>
    public static Task<FakeMetadata> StartAsync(Func<string, string, IResult?> formats, Action<IEndpointRouteBuilder>? more = null) =>
        StartAsync((platform, id, _) => Task.FromResult(formats(platform, id)), more);

    /// <summary>As the other overload, for answers that take time or set headers.</summary>
    public static async Task<FakeMetadata> StartAsync(Func<string, string, HttpContext, Task<IResult?>> formats, Action<IEndpointRouteBuilder>? more = null) =>
        new(await LoopbackServer.StartAsync(routes =>
        {
            more?.Invoke(routes);
            routes.MapGet("/api/v2/resolve", (string url) => url.StartsWith(ShortLink, StringComparison.Ordinal)
                ? Json(new ResolvedUrl("youtube", "video", url[ShortLink.Length..]))
                : Problem(ErrorCodes.InvalidUrl, "Not a supported URL."));
            routes.MapGet("/api/v2/videos/{platform}/{id}/formats", async (string platform, string id, HttpContext context) =>
                await formats(platform, id, context) ?? Problem(ErrorCodes.VideoUnavailable, "This video is unavailable."));
        }));

    /// <summary>A contract type as metadata writes it.</summary>
    public static IResult Json<T>(T value) => Results.Json(value, ContractJson.Options);

    /// <summary>A failure as metadata answers it: problem details with the code's status and the code itself.</summary>
    public static IResult Problem(string code, string detail) => Results.Problem(
        detail: detail, statusCode: ErrorCodes.StatusOf(code), extensions: new Dictionary<string, object?> { ["code"] = code });

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
