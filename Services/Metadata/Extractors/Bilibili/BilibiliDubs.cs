using System.Text.Json.Nodes;
using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Metadata.Extractors.Bilibili;

/// <summary>
/// BiliBili's AI dubs (AI原声翻译): a play-URL answer lists them under <c>language.items</c>, and
/// the same request with <c>cur_language</c> set to one answers that language's audio in place of
/// the original. Each becomes an audio track as YouTube's dubbed tracks are.
/// </summary>
internal static class BilibiliDubs
{
    /// <summary>The original audio, when dubs stand beside it. BiliBili does not say its language.</summary>
    public static AudioTrack Original { get; } = new("original", null, "Original", true, "original");

    /// <summary>The dubs an answer offers (none unless <c>language.support</c>).</summary>
    public static IReadOnlyList<AudioTrack> Languages(JsonObject play)
    {
        if (play["language"] is not JsonObject language || language["support"]?.GetValue<bool>() != true)
        {
            return [];
        }
        return (language["items"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(item => (Lang: item["lang"]?.GetValue<string>(), Title: item["title"]?.GetValue<string>()))
            .Where(item => item.Lang is { Length: > 0 and <= 16 } lang && lang.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            .DistinctBy(item => item.Lang)
            .Select(item => new AudioTrack(item.Lang!, item.Lang, item.Title ?? item.Lang, false, "dubbed"))
            .ToList();
    }
}
