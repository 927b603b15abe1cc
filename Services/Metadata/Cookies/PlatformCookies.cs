using System.Collections.Concurrent;
using System.Globalization;

namespace VideoPlatform.Metadata.Cookies;

/// <summary>
/// The cookies an operator gives this server for a platform, sent on that platform's API requests
/// where a logged-in session unlocks more (BiliBili's AI subtitles and higher qualities, Instagram
/// at all). Read from configuration on each use, so a rotated secret takes effect without a restart:
/// <c>Platforms:{Platform}:Cookies</c> holds a Cookie header (<c>SESSDATA=…; bili_jct=…</c>);
/// <c>Platforms:{Platform}:CookiesFile</c> names a Netscape <c>cookies.txt</c> as browser extensions
/// export it, of which the platform's unexpired cookies are used. Values are never logged or shown.
/// </summary>
public sealed partial class PlatformCookies(IConfiguration configuration, TimeProvider time, ILogger<PlatformCookies> logger)
{
    // A cookies file's lines as last read, by path, with the write time and size they were read at:
    // a lookup (each request for the platform's videos makes one) costs a stat instead of a read
    // and parse, and a rewritten file is read again at once.
    private readonly ConcurrentDictionary<string, (DateTime WrittenAt, long Length, string[] Lines)> _files = new(StringComparer.Ordinal);

    /// <summary>The platforms whose requests carry configured cookies, with their cookie domain and the cookie that makes a session.</summary>
    public static IReadOnlyDictionary<string, (string Domain, string SessionCookie)> Used { get; } =
        new Dictionary<string, (string, string)>(StringComparer.OrdinalIgnoreCase)
        {
            ["bilibili"] = ("bilibili.com", "SESSDATA"),
            ["instagram"] = ("instagram.com", "sessionid"),
        };

    /// <summary>The <c>Cookie</c> header for <paramref name="platform"/>'s API, or null when none is configured.</summary>
    public string? HeaderFor(string platform)
    {
        var cookies = Read(platform, out _);
        return cookies.Count == 0 ? null : string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}"));
    }

    /// <summary>What is configured for a platform: where from and which cookie names, never their values.</summary>
    public PlatformCookieStatus Describe(string platform)
    {
        var cookies = Read(platform, out var source);
        var used = Used.TryGetValue(platform, out var known);
        return new PlatformCookieStatus(
            platform.ToLowerInvariant(),
            used,
            cookies.Count > 0,
            source,
            cookies.Select(c => c.Name).Distinct(StringComparer.Ordinal).ToList(),
            used ? known.SessionCookie : null,
            used && cookies.Any(c => c.Name == known.SessionCookie),
            !used ? "This server does not send cookies to this platform."
            : cookies.Count == 0 ? HowToSupply(platform)
            : $"Sent from {(source == "file" ? $"the file in Platforms:{Section(platform)}:CookiesFile" : $"Platforms:{Section(platform)}:Cookies")}; replace them there when the platform stops accepting the session.");
    }

    /// <summary>The sentence a <c>login_required</c> answer ends with.</summary>
    public string HowToSupply(string platform)
    {
        var section = Section(platform);
        var session = Used.TryGetValue(platform, out var known) ? known.SessionCookie : "session";
        return HeaderFor(platform) is null
            ? $"An operator can supply a logged-in session's cookies ({session}=…) in Platforms:{section}:Cookies, or a cookies.txt in Platforms:{section}:CookiesFile; see GET /api/v2/auth/platforms/{platform.ToLowerInvariant()}."
            : $"The cookies configured in Platforms:{section} did not give a logged-in session (expired or logged out?); supply fresh ones.";
    }

    private List<(string Name, string Value)> Read(string platform, out string? source)
    {
        var section = Section(platform);
        source = null;
        if (configuration[$"Platforms:{section}:Cookies"] is { Length: > 0 } header)
        {
            source = "configuration";
            return Valid(platform, header.Split(';').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).Select(p => (p[0].Trim(), p[1].Trim())));
        }
        if (configuration[$"Platforms:{section}:CookiesFile"] is { Length: > 0 } path)
        {
            source = "file";
            return Valid(platform, FromFile(platform, path));
        }
        return [];
    }

    /// <summary>Netscape format: domain, subdomains flag, path, secure, expiry (unix, 0 for a session cookie), name, value.</summary>
    private IEnumerable<(string, string)> FromFile(string platform, string path)
    {
        string[] lines;
        try
        {
            var file = new FileInfo(path);
            if (file.Exists && _files.TryGetValue(path, out var read) && read.WrittenAt == file.LastWriteTimeUtc && read.Length == file.Length)
            {
                lines = read.Lines;
            }
            else
            {
                lines = File.ReadAllLines(path);
                _files[path] = (file.LastWriteTimeUtc, file.Length, lines);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogUnreadableFile(platform, path, ex.Message);
            return [];
        }
        var domain = Used.TryGetValue(platform, out var known) ? known.Domain : platform;
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        return lines
            .Select(l => l.StartsWith("#HttpOnly_", StringComparison.Ordinal) ? l["#HttpOnly_".Length..] : l)
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split('\t'))
            .Where(f => f.Length == 7
                        && (f[0].TrimStart('.').Equals(domain, StringComparison.OrdinalIgnoreCase) || f[0].EndsWith("." + domain, StringComparison.OrdinalIgnoreCase))
                        && long.TryParse(f[4], NumberStyles.Integer, CultureInfo.InvariantCulture, out var expiry) && (expiry == 0 || expiry > now))
            .Select(f => (f[5], f[6].TrimEnd('\r')));
    }

    /// <summary>Drops what cannot be a cookie (and so could not be sent without breaking the header).</summary>
    private List<(string Name, string Value)> Valid(string platform, IEnumerable<(string Name, string Value)> cookies)
    {
        var valid = new List<(string, string)>();
        foreach (var (name, value) in cookies)
        {
            if (name.Length > 0 && name.All(c => c > ' ' && c < 127 && c is not ('=' or ';' or ',' or '"'))
                && value.All(c => c >= ' ' && c < 127 && c is not (';' or ',' or '\\')))
            {
                valid.Add((name, value));
            }
            else
            {
                LogInvalidCookie(platform, name.Length > 40 ? name[..40] : name);
            }
        }
        return valid;
    }

    /// <summary>The configuration section of a platform, spelled as the other settings of it are.</summary>
    private static string Section(string platform) => platform.ToLowerInvariant() switch
    {
        "bilibili" => "Bilibili",
        "instagram" => "Instagram",
        "youtube" => "YouTube",
        "twitch" => "Twitch",
        "twitter" => "Twitter",
        var other => other,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cookies file of {Platform} at {Path} cannot be read: {Reason}")]
    private partial void LogUnreadableFile(string platform, string path, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A configured {Platform} cookie ({Name}) is not a valid cookie and is not sent")]
    private partial void LogInvalidCookie(string platform, string name);
}
