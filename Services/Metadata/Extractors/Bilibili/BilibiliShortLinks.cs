using System.Text.RegularExpressions;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Metadata.Extractors.Bilibili;

/// <summary>
/// <c>b23.tv/{code}</c> share links. Only the code comes from the client: it is checked, then asked
/// of the configured short-link service (<see cref="BilibiliOptions.ShortLinkBaseUrl"/>) in one
/// request whose redirect is read, not followed. Where it leads must be a BiliBili video or episode
/// URL, else the link is refused; what it led to is remembered, so a shared link costs one request.
/// </summary>
public sealed partial class BilibiliShortLinks(
    IHttpClientFactory clients, IOptions<BilibiliOptions> options, HybridCache cache, ILogger<BilibiliShortLinks> logger) : IShortLinkResolver
{
    public const string ClientName = "BilibiliShortLinks";

    private static readonly HybridCacheEntryOptions Remembered = new() { Expiration = TimeSpan.FromHours(6), LocalCacheExpiration = TimeSpan.FromHours(6) };

    public bool Recognises(Uri url) => url.Host.ToLowerInvariant() is "b23.tv" or "www.b23.tv";

    public async Task<ResolvedUrl> ResolveAsync(Uri url, CancellationToken cancellationToken)
    {
        var match = ShortPath().Match(url.AbsolutePath);
        if (!match.Success)
        {
            throw new ProblemException(ErrorCodes.InvalidUrl, "A b23.tv link is https://b23.tv/ followed by a code of 4 to 12 letters and digits.");
        }
        var code = match.Groups[1].Value;
        return await cache.GetOrCreateAsync($"shortlink:bilibili:{code}", (this, code),
            static (state, token) => new ValueTask<ResolvedUrl>(state.Item1.ExpandAsync(state.code, token)),
            Remembered, cancellationToken: cancellationToken);
    }

    private async Task<ResolvedUrl> ExpandAsync(string code, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(options.Value.ShortLinkBaseUrl, "/" + code));
        request.Headers.TryAddWithoutValidation("User-Agent", options.Value.UserAgent);
        using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var status = (int)response.StatusCode;
        if (status is 412)
        {
            // BiliBili's risk control, which on b23.tv passes like a rate limit.
            throw new ProblemException(ErrorCodes.UpstreamThrottled, "b23.tv is rate limiting this server; try again later.");
        }
        if (status is 429 or >= 500)
        {
            response.EnsureUpstreamAnswered("b23.tv");
        }
        if (status is < 300 or > 399 || response.Headers.Location is not { IsAbsoluteUri: true } target)
        {
            throw new ProblemException(ErrorCodes.InvalidUrl, $"b23.tv/{code} is not a link b23.tv knows (it answered {status} without a redirect).");
        }
        if (target.Scheme is not ("https" or "http") || !BilibiliIds.TryResolve(target, out var resolved))
        {
            LogRefusedTarget(code, target.Host);
            throw new ProblemException(ErrorCodes.InvalidUrl, $"b23.tv/{code} leads to {target.Host}{Truncate(target.AbsolutePath)}, which is not a BiliBili video or episode.");
        }
        return resolved;
    }

    private static string Truncate(string path) => path.Length <= 80 ? path : path[..80] + "…";

    [GeneratedRegex("^/([A-Za-z0-9]{4,12})/?$")]
    private static partial Regex ShortPath();

    [LoggerMessage(Level = LogLevel.Information, Message = "b23.tv/{Code} leads to {Host}, not to a BiliBili video; refused")]
    private partial void LogRefusedTarget(string code, string host);
}
