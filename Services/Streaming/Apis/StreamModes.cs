using Microsoft.AspNetCore.Http.HttpResults;
using VideoPlatform.Contracts;
using VideoPlatform.Streaming.Dash;

namespace VideoPlatform.Streaming.Apis;

/// <summary>
/// The answer of <c>/api/v2/stream/{platform}/{videoId}</c> by <c>mode</c>: a redirect to the CDN,
/// the resolved stream as JSON, the bytes through this service, a rewritten HLS playlist or a
/// generated DASH manifest; <c>auto</c> proxies for the countries that cannot reach the CDN.
/// </summary>
internal static class StreamModes
{
    public static async Task<IResult> AnswerAsync(string platform, string videoId, StreamQuery query, StreamServices services)
    {
        StreamInput.Validate(platform, videoId, query);
        var mode = (query.Mode ?? "redirect").ToLowerInvariant();
        if (mode == "auto")
        {
            mode = services.Options.Value.ProxiesFor(query.Country) ? "proxy" : "redirect";
        }
        services.Metrics.RequestStarted(mode, platform);
        var cancellationToken = services.Context.RequestAborted;

        switch (mode)
        {
            case "redirect":
                var resolved = await services.Resolver.ResolveAsync(platform, videoId, query.ToRequest(), fresh: false, cancellationToken);
                // A format that needs headers a player cannot send plays only through the proxy.
                return resolved.RequiresProxy ? TypedResults.Redirect(resolved.ProxyPath!) : RedirectOut(resolved.StreamUrl, services);
            case "json":
                return TypedResults.Ok(await services.Resolver.ResolveAsync(platform, videoId, query.ToRequest(), fresh: false, cancellationToken));
            case "proxy":
                await ProxiedStream.ServeAsync(platform, videoId, query, services);
                return TypedResults.Empty;
            case "hls":
                var formats = await services.Resolver.GetFormatsAsync(platform, videoId, fresh: false, cancellationToken);
                if (services.Resolver.PlayableHls(formats) is not { } master)
                {
                    throw new ProblemException(ErrorCodes.NoMatchingFormat, $"{platform}/{videoId} offers no HLS playlist; use mode=proxy or mode=redirect.");
                }
                await services.Segments.WritePlaylistAsync(services.Context, master, new Dictionary<string, string>());
                return TypedResults.Empty;
            case "dash":
                return TypedResults.Text(await services.Dash.WriteAsync(platform, videoId, query.Quality, cancellationToken),
                    DashManifest.ContentType, System.Text.Encoding.UTF8);
            default:
                throw new ProblemException(ErrorCodes.InvalidRequest, $"Unknown mode '{query.Mode}'. Use redirect, proxy, json, hls, dash or auto.");
        }
    }

    /// <summary>A 302 off this service: only to a URL the media-host policy admits, whatever the platform answered.</summary>
    private static RedirectHttpResult RedirectOut(string url, StreamServices services) =>
        Uri.TryCreate(url, UriKind.Absolute, out var target) && services.Hosts.IsAllowed(target)
            ? TypedResults.Redirect(target.AbsoluteUri)
            : throw new ProblemException(ErrorCodes.UpstreamUnavailable, "The platform's media URL is not one this service redirects to.");
}
