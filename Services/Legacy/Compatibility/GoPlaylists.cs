using System.Text.Json;
using VideoPlatform.Legacy.Apis;

namespace VideoPlatform.Legacy.Compatibility;

/// <summary>Metadata's playlist JSON as the Go API's <c>PlaylistInfo</c> (seed H7).</summary>
internal static class GoPlaylists
{
    public static GoPlaylistInfo Read(JsonElement playlist, string platform, string playlistId)
    {
        // Metadata's playlists carry "items" (Contracts' Playlist); the seed's shape said "entries".
        var entries = (playlist.TryGetProperty("items", out var list) || playlist.TryGetProperty("entries", out list)) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(e => new GoPlaylistEntry(
                Text(e, "id") ?? "", Text(e, "title"), Number(e, "duration"), Text(e, "uploader") ?? Text(e, "author"),
                Text(e, "webpage_url") ?? Text(e, "url") ?? (Text(e, "id") is { } id ? CanonicalUrl(platform, id) : null))).ToList()
            : [];
        return new GoPlaylistInfo(
            Text(playlist, "id") ?? playlistId, Text(playlist, "title"), Text(playlist, "description"), Text(playlist, "uploader") ?? Text(playlist, "author"),
            Text(playlist, "webpage_url") ?? Text(playlist, "url"),
            (int)(Number(playlist, "entry_count") ?? Number(playlist, "video_count") ?? entries.Count),
            Text(playlist, "platform") ?? platform, entries);
    }

    private static string CanonicalUrl(string platform, string id) => platform switch
    {
        "bilibili" => $"https://www.bilibili.com/video/{id}",
        _ => $"https://www.youtube.com/watch?v={id}",
    };

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double? Number(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}
