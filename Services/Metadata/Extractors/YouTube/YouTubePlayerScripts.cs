using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using VideoPlatform.Contracts;

namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>
/// The current player's transforms. The player version comes from <c>/iframe_api</c> (else the
/// video's embed page) and is trusted for <see cref="YouTubeOptions.PlayerVersionTtl"/>; base.js
/// is fetched once per version (its extracted transforms go to HybridCache, so other replicas
/// read them from Redis), and concurrent callers share one download. A player that cannot be had
/// is remembered as such for <see cref="YouTubeOptions.PlayerFailureTtl"/> rather than fetched
/// again on every request.
/// </summary>
public sealed partial class YouTubePlayerScripts(
    IHttpClientFactory clients,
    IOptions<YouTubeOptions> options,
    HybridCache cache,
    TimeProvider time,
    ILogger<YouTubePlayerScripts> logger)
{
    private const int MaxPlayerBytes = 16 * 1024 * 1024;
    private readonly ConcurrentDictionary<string, (Lazy<Task<PlayerCipher>> Load, DateTimeOffset At)> _ciphers = new();
    private readonly Lock _versionLock = new();
    private (Lazy<Task<string>> Lookup, DateTimeOffset At)? _version;

    public async Task<PlayerCipher> GetAsync(string videoId, CancellationToken cancellationToken)
    {
        var version = await CurrentVersionAsync(videoId, cancellationToken);
        var now = time.GetUtcNow();
        var entry = _ciphers.AddOrUpdate(version,
            v => (new Lazy<Task<PlayerCipher>>(() => LoadAsync(v)), now),
            (v, known) => known.Load.IsValueCreated && known.Load.Value.IsFaulted && now - known.At > options.Value.PlayerFailureTtl
                ? (new Lazy<Task<PlayerCipher>>(() => LoadAsync(v)), now)
                : known);
        return await entry.Load.Value.WaitAsync(cancellationToken);
    }

    private async Task<string> CurrentVersionAsync(string videoId, CancellationToken cancellationToken)
    {
        Lazy<Task<string>> lookup;
        lock (_versionLock)
        {
            var now = time.GetUtcNow();
            if (_version is not { } known
                || now - known.At > options.Value.PlayerVersionTtl
                || (known.Lookup.IsValueCreated && known.Lookup.Value.IsFaulted && now - known.At > options.Value.PlayerFailureTtl))
            {
                _version = (new Lazy<Task<string>>(() => LookUpVersionAsync(videoId)), now);
            }
            lookup = _version.Value.Lookup;
        }
        return await lookup.Value.WaitAsync(cancellationToken);
    }

    private async Task<string> LookUpVersionAsync(string videoId)
    {
        using var timeout = new CancellationTokenSource(options.Value.PlayerDownloadTimeout);
        foreach (var page in (string[])["/iframe_api", $"/embed/{videoId}"])
        {
            string text;
            try
            {
                text = await GetTextAsync(page, 4 * 1024 * 1024, timeout.Token);
            }
            catch (PlatformException ex)
            {
                LogPlayerPageFailed(logger, page, ex.Message);
                continue;
            }
            if (PlayerVersion().Match(text) is { Success: true } match)
            {
                LogPlayerVersion(logger, match.Groups[1].Value, page);
                return match.Groups[1].Value;
            }
        }
        throw new PlatformException(ErrorCodes.UpstreamUnavailable,
            "YouTube's stream URLs need the player's JavaScript, and neither /iframe_api nor the embed page names a player version.");
    }

    private async Task<PlayerCipher> LoadAsync(string version)
    {
        var functions = await cache.GetOrCreateAsync($"youtube:player:{version}", async token =>
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
                timeout.CancelAfter(options.Value.PlayerDownloadTimeout);
                var script = await GetTextAsync($"/s/player/{version}/player_ias.vflset/en_US/base.js", MaxPlayerBytes, timeout.Token);
                var located = PlayerFunctionLocator.Locate(version, script);
                LogPlayerLocated(logger, version, script.Length, located.SignatureTimestamp, located.SignatureError ?? "found", located.NError ?? "found");
                return located;
            },
            new HybridCacheEntryOptions { Expiration = options.Value.PlayerFunctionsTtl, LocalCacheExpiration = options.Value.PlayerFunctionsTtl });
        return new PlayerCipher(functions, options.Value);
    }

    private async Task<string> GetTextAsync(string path, int maxBytes, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await clients.CreateClient(nameof(YouTubePlayerScripts))
                .GetAsync(new Uri(options.Value.BaseUrl, path), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new PlatformException(ErrorCodes.UpstreamUnavailable, $"YouTube answered {(int)response.StatusCode} for {path}.");
            }
            if (response.Content.Headers.ContentLength > maxBytes)
            {
                throw new PlatformException(ErrorCodes.UpstreamUnavailable, $"YouTube's {path} is larger than {maxBytes} bytes.");
            }
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var reader = new StreamReader(body);
            var buffer = new char[81920];
            var text = new System.Text.StringBuilder();
            int read;
            while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
            {
                text.Append(buffer, 0, read);
                if (text.Length > maxBytes)
                {
                    throw new PlatformException(ErrorCodes.UpstreamUnavailable, $"YouTube's {path} is larger than {maxBytes} bytes.");
                }
            }
            return text.ToString();
        }
        catch (HttpRequestException ex)
        {
            throw new PlatformException(ErrorCodes.UpstreamUnavailable, $"YouTube could not be reached for {path}: {ex.Message}", ex);
        }
        catch (OperationCanceledException ex)
        {
            throw new PlatformException(ErrorCodes.UpstreamUnavailable, $"YouTube took too long to send {path}.", ex);
        }
    }

    // The iframe API escapes its slashes (player\/abcd1234\/); pages name /s/player/abcd1234/.
    [GeneratedRegex(@"player\\?/([0-9a-fA-F]{8})\\?/")]
    private static partial Regex PlayerVersion();

    [LoggerMessage(Level = LogLevel.Warning, Message = "YouTube player page {Page} failed: {Reason}")]
    private static partial void LogPlayerPageFailed(ILogger logger, string page, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "YouTube player version {Version} (from {Page})")]
    private static partial void LogPlayerVersion(ILogger logger, string version, string page);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "YouTube player {Version}: {Length} characters, signature timestamp {Sts}, signature function {Signature}, n function {N}")]
    private static partial void LogPlayerLocated(ILogger logger, string version, int length, int? sts, string signature, string n);
}
