using System.Buffers.Text;
using System.Text;
using VideoPlatform.Legacy.Upstream;

namespace VideoPlatform.Legacy.Compatibility;

/// <summary>
/// The seed's download tasks, without a task store: a download is streaming's proxy with
/// <c>download=true</c>, ready at once, so the task id simply encodes what to download and
/// <c>/tasks/{id}</c> can answer from the id alone, on any instance, after any restart.
/// </summary>
internal sealed record DownloadTask(string Platform, string VideoId, string Quality)
{
    public string Id => "dl_" + Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{Platform}\n{VideoId}\n{Quality}"));

    public LocatedVideo Video => new(Platform, VideoId);

    public static DownloadTask? TryParse(string id)
    {
        if (!id.StartsWith("dl_", StringComparison.Ordinal))
        {
            return null;
        }
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(id.AsSpan(3))).Split('\n');
            return parts.Length == 3 && parts.All(p => p.Length > 0) ? new DownloadTask(parts[0], parts[1], parts[2]) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
