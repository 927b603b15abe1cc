using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using VideoPlatform.Contracts;

namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>
/// Turns the formats of a player response into ones with working URLs: a <c>signatureCipher</c>
/// (<c>s</c>, <c>sp</c>, <c>url</c>) gets its deciphered signature appended, and for clients whose
/// URLs carry an <c>n</c> challenge, <c>n</c> is replaced by its transform. The player is fetched
/// only when some kept format needs it; formats with neither a URL nor a cipher (SABR-only) are
/// left out. When the player cannot be solved, the formats that need it are left out too and the
/// rest are still served.
/// </summary>
internal static partial class StreamUrlDecipherer
{
    public static async Task<List<JsonObject>> ResolveAsync(IReadOnlyList<JsonObject> formats, bool transformN,
        Func<CancellationToken, Task<PlayerCipher>> player, CancellationToken cancellationToken)
    {
        var pending = new List<(JsonObject Format, string Url, string? Scrambled, string Parameter)>();
        foreach (var format in formats)
        {
            if (Text(format["url"]) is { } url)
            {
                pending.Add((format, url, null, ""));
            }
            else if (Cipher(format) is { } cipher && cipher.TryGetValue("url", out var target) && cipher.TryGetValue("s", out var scrambled)
                     && Uri.TryCreate(target.ToString(), UriKind.Absolute, out _))
            {
                pending.Add((format, target.ToString(), scrambled.ToString(),
                    cipher.TryGetValue("sp", out var parameter) && parameter.ToString().Length > 0 ? parameter.ToString() : "sig"));
            }
        }

        var signatures = pending.Where(p => p.Scrambled is not null).Select(p => p.Scrambled!).ToList();
        var ns = transformN ? pending.Select(p => NValue(p.Url)).OfType<string>().ToList() : [];
        if (signatures.Count == 0 && ns.Count == 0)
        {
            return pending.Select(p => p.Format).ToList();
        }

        IReadOnlyDictionary<string, string> solvedSignatures, solvedNs;
        try
        {
            (solvedSignatures, solvedNs) = (await player(cancellationToken)).Solve(signatures, ns, cancellationToken);
        }
        catch (ProblemException ex) when (ex.Code is ErrorCodes.UpstreamUnavailable
                                           && pending.Any(p => p.Scrambled is null && (!transformN || NValue(p.Url) is null)))
        {
            // Formats that need the player are left out and those that need nothing still served;
            // when there are none, the caller hears why (the player version is in the message).
            return pending.Where(p => p.Scrambled is null && (!transformN || NValue(p.Url) is null)).Select(p => p.Format).ToList();
        }
        foreach (var (format, url, scrambled, parameter) in pending)
        {
            var resolved = url;
            if (transformN && NValue(url) is { } n)
            {
                resolved = NParameter().Replace(resolved, m => $"{m.Groups[1].Value}n={Uri.EscapeDataString(solvedNs[n])}", 1);
            }
            if (scrambled is not null)
            {
                resolved += $"{(resolved.Contains('?', StringComparison.Ordinal) ? '&' : '?')}{parameter}={Uri.EscapeDataString(solvedSignatures[scrambled])}";
            }
            format["url"] = resolved;
        }
        return pending.Select(p => p.Format).ToList();
    }

    /// <summary>A manifest URL with its <c>/n/{value}/</c> path segment transformed (for clients with the challenge).</summary>
    public static async Task<string?> ResolveManifestAsync(string? url, bool transformN,
        Func<CancellationToken, Task<PlayerCipher>> player, CancellationToken cancellationToken)
    {
        if (url is null || !transformN || NSegment().Match(url) is not { Success: true } match)
        {
            return url;
        }
        var n = Uri.UnescapeDataString(match.Groups[1].Value);
        var cipherer = await player(cancellationToken);
        var (_, solved) = cipherer.Solve([], [n], cancellationToken);
        return NSegment().Replace(url, $"/n/{Uri.EscapeDataString(solved[n])}/", 1);
    }

    private static Dictionary<string, Microsoft.Extensions.Primitives.StringValues>? Cipher(JsonObject format) =>
        (Text(format["signatureCipher"]) ?? Text(format["cipher"])) is { } cipher ? QueryHelpers.ParseQuery(cipher) : null;

    private static string? NValue(string url) =>
        NParameter().Match(url) is { Success: true } match ? Uri.UnescapeDataString(match.Groups[2].Value) : null;

    private static string? Text(JsonNode? node) => node is JsonValue value ? value.ToString() : null;

    [GeneratedRegex("/n/([^/]+)/")]
    private static partial Regex NSegment();

    [GeneratedRegex("([?&])n=([^&#]*)")]
    private static partial Regex NParameter();
}
