using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using VideoPlatform.Contracts;

namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>
/// The current player, solved. The player version comes from <c>/iframe_api</c> (else the video's
/// embed page) and is trusted for <see cref="YouTubeOptions.PlayerVersionTtl"/>. Each version is
/// solved once (<see cref="PlayerSolver"/>: its main build, else the next of
/// <see cref="PlayerSolverOptions.EffectiveVariants"/>), shared with other replicas through
/// <see cref="SolvedPlayerStore"/>, and concurrent callers here share one solve. A player that cannot
/// be had or solved is remembered as such for <see cref="YouTubeOptions.PlayerFailureTtl"/> rather
/// than tried again on every request.
/// </summary>
public sealed partial class YouTubePlayerScripts(
    IHttpClientFactory clients,
    IOptions<YouTubeOptions> options,
    IOptions<PlayerSolverOptions> solverOptions,
    SolvedPlayerStore store,
    TimeProvider time,
    ILogger<YouTubePlayerScripts> logger)
{
    private const int MaxPlayerBytes = 16 * 1024 * 1024;
    private readonly ConcurrentDictionary<string, (Lazy<Task<PlayerCipher>> Load, DateTimeOffset At)> _ciphers = new();
    private readonly ConcurrentDictionary<string, int?> _timestamps = new();
    private readonly Lock _versionLock = new();
    private (Lazy<Task<string>> Lookup, DateTimeOffset At)? _version;

    /// <summary>The current player, solved; an unsolvable one is <c>upstream_unavailable</c> naming its version.</summary>
    public async Task<PlayerCipher> GetAsync(string videoId, CancellationToken cancellationToken) =>
        await GetVersionAsync(await CurrentVersionAsync(videoId, cancellationToken), cancellationToken);

    /// <summary>
    /// The signature timestamp (sts) of the current player, for clients that need the player (tv,
    /// web_embedded) to send in <c>playbackContext.contentPlaybackContext.signatureTimestamp</c>. Known
    /// even when the player could not be solved, if its script could be read; null when it could not
    /// (the failure to decipher is then reported where URLs need the player).
    /// </summary>
    public async Task<int?> GetSignatureTimestampAsync(string videoId, CancellationToken cancellationToken)
    {
        var version = await CurrentVersionAsync(videoId, cancellationToken);
        try
        {
            return (await GetVersionAsync(version, cancellationToken)).SignatureTimestamp;
        }
        catch (ProblemException ex) when (ex.Code is ErrorCodes.UpstreamUnavailable)
        {
            return _timestamps.GetValueOrDefault(version);
        }
    }

    private async Task<PlayerCipher> GetVersionAsync(string version, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var entry = _ciphers.AddOrUpdate(version,
            v => (new Lazy<Task<PlayerCipher>>(() => LoadAsync(v)), now),
            (v, known) => known.Load.IsValueCreated && known.Load.Value.IsFaulted && now - known.At > options.Value.PlayerFailureTtl
                ? (new Lazy<Task<PlayerCipher>>(() => LoadAsync(v)), now)
                : known);
        ForgetOlderVersions(version);
        return await entry.Load.Value.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// A loaded player holds an engine with the whole player in it (a few hundred megabytes): only the
    /// current version and the one before it (still named by pages cached elsewhere) are kept.
    /// </summary>
    private void ForgetOlderVersions(string current)
    {
        const int Kept = 2;
        if (_ciphers.Count <= Kept)
        {
            return;
        }
        foreach (var old in _ciphers.Where(e => e.Key != current).OrderByDescending(e => e.Value.At).Skip(Kept - 1).Select(e => e.Key).ToList())
        {
            _ciphers.TryRemove(old, out _);
        }
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
            catch (ProblemException ex)
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
        throw new ProblemException(ErrorCodes.UpstreamUnavailable,
            "YouTube's stream URLs need the player's JavaScript, and neither /iframe_api nor the embed page names a player version.");
    }

    private async Task<PlayerCipher> LoadAsync(string version)
    {
        // Shared by every caller waiting for this version, so bounded by its own time, not theirs.
        using var timeout = new CancellationTokenSource(solverOptions.Value.SolveLockTtl);
        var limits = PlayerRuntimeLimits.From(solverOptions.Value, options.Value);
        return await store.SolveOnceAsync(version,
            (solved, token) =>
            {
                var cipher = new PlayerCipher(solved, PlayerSolver.Load(solved, limits, token));
                LogPlayerLoaded(logger, version, solved.Variant, solved.Builder);
                return cipher;
            },
            token => SolveAsync(version, limits, token),
            timeout.Token);
    }

    private async Task<(SolvedPlayer, PlayerCipher)> SolveAsync(string version, PlayerRuntimeLimits limits, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        foreach (var variant in solverOptions.Value.EffectiveVariants.Select(name => PlayerVariant.Known.FirstOrDefault(v => v.Name == name)).OfType<PlayerVariant>())
        {
            string script;
            using (var download = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                download.CancelAfter(options.Value.PlayerDownloadTimeout);
                try
                {
                    script = await GetTextAsync(variant.PathFor(version), MaxPlayerBytes, download.Token);
                }
                catch (ProblemException ex)
                {
                    failures.Add($"{variant.Name}: {ex.Message}");
                    continue;
                }
            }
            _timestamps.TryAdd(version, PlayerSolver.SignatureTimestamp(script));
            var started = time.GetTimestamp();
            try
            {
                // Seconds of CPU on a cold player: off the caller's thread.
                var (solved, runtime) = await Task.Run(() => PlayerSolver.Solve(version, variant.Name, script, limits, cancellationToken), cancellationToken);
                LogPlayerSolved(logger, version, variant.Name, script.Length, solved.SignatureTimestamp, solved.Builder,
                    time.GetElapsedTime(started).TotalMilliseconds);
                return (solved, new PlayerCipher(solved, runtime));
            }
            catch (PlayerScriptException ex)
            {
                LogPlayerUnsolved(logger, version, variant.Name, ex.Message);
                failures.Add($"{variant.Name}: {ex.Message}");
            }
        }
        throw new ProblemException(ErrorCodes.UpstreamUnavailable,
            $"YouTube player {version} could not be solved, so its stream URLs cannot be deciphered ({string.Join("; ", failures)}).");
    }

    private async Task<string> GetTextAsync(string path, int maxBytes, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await clients.CreateClient(nameof(YouTubePlayerScripts))
                .GetAsync(new Uri(options.Value.BaseUrl, path), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new ProblemException(ErrorCodes.UpstreamUnavailable, $"YouTube answered {(int)response.StatusCode} for {path}.");
            }
            if (response.Content.Headers.ContentLength > maxBytes)
            {
                throw new ProblemException(ErrorCodes.UpstreamUnavailable, $"YouTube's {path} is larger than {maxBytes} bytes.");
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
                    throw new ProblemException(ErrorCodes.UpstreamUnavailable, $"YouTube's {path} is larger than {maxBytes} bytes.");
                }
            }
            return text.ToString();
        }
        catch (HttpRequestException ex)
        {
            throw new ProblemException(ErrorCodes.UpstreamUnavailable, $"YouTube could not be reached for {path}: {ex.Message}", ex);
        }
        catch (OperationCanceledException ex)
        {
            throw new ProblemException(ErrorCodes.UpstreamUnavailable, $"YouTube took too long to send {path}.", ex);
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
        Message = "YouTube player {Version} ({Variant}, {Length} characters) solved in {Milliseconds} ms: signature timestamp {Sts}, stream-URL builder {Builder}")]
    private static partial void LogPlayerSolved(ILogger logger, string version, string variant, int length, int? sts, string builder, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "YouTube player {Version} ({Variant}) loaded from its kept solve: stream-URL builder {Builder}")]
    private static partial void LogPlayerLoaded(ILogger logger, string version, string variant, string builder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "YouTube player {Version} ({Variant}) could not be solved: {Reason}")]
    private static partial void LogPlayerUnsolved(ILogger logger, string version, string variant, string reason);
}
