using System.Text.Json.Nodes;

namespace VideoPlatform.Metadata.Extractors.Bilibili;

/// <summary>Reading a bangumi season (<c>pgc/view/web/season</c>'s <c>result</c>), for episodes and their playlist alike.</summary>
internal static class BangumiSeason
{
    private static readonly Dictionary<int, string> Types = new()
    {
        [1] = "番剧",
        [2] = "电影",
        [3] = "纪录片",
        [4] = "国创",
        [5] = "电视剧",
        [7] = "综艺",
    };

    /// <summary>The main episodes in order, then the extras of its sections (PV, specials).</summary>
    public static IEnumerable<JsonObject> Episodes(JsonObject season) =>
        (season["episodes"] as JsonArray ?? []).OfType<JsonObject>()
            .Concat((season["section"] as JsonArray ?? []).OfType<JsonObject>().SelectMany(s => (s["episodes"] as JsonArray ?? []).OfType<JsonObject>()));

    /// <summary>"第1话 十香", as the page shows it.</summary>
    public static string EpisodeTitle(JsonObject episode) =>
        episode["show_title"]?.GetValue<string>() is { Length: > 0 } shown ? shown
        : $"第{episode["title"]?.GetValue<string>()}话 {episode["long_title"]?.GetValue<string>()}".Trim();

    /// <summary>Episode lengths are in milliseconds.</summary>
    public static double? Duration(JsonObject episode) => episode["duration"]?.GetValue<double>() / 1000;

    public static string? Category(JsonObject season) => season["type"]?.GetValue<int>() is { } type ? Types.GetValueOrDefault(type) : null;
}
