namespace VideoPlatform.Contracts.Streaming;

/// <summary>Body of <c>POST /api/v2/downloads</c>.</summary>
/// <param name="Url">The video's URL on its platform.</param>
/// <param name="Quality"><c>best</c>, <c>720p</c>… as the stream routes take it.</param>
/// <param name="Format">A format selector instead of a quality.</param>
/// <param name="AudioOnly">Extract the audio only.</param>
/// <param name="AudioFormat"><c>m4a</c> (default) or <c>mp3</c> for audio-only jobs.</param>
/// <param name="FileName">The name to serve the file under (sanitised; the title when absent).</param>
public sealed record DownloadRequest(string? Url, string? Quality, string? Format, bool? AudioOnly, string? AudioFormat, string? FileName = null);
