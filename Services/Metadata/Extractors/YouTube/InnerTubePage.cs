using System.Text.Json.Nodes;
using VideoPlatform.Contracts.Metadata;
using static VideoPlatform.Metadata.Extractors.YouTube.InnerTubeText;

namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>A page of a list (a playlist, a channel tab) read wherever in the tree its items sit, as layouts vary.</summary>
internal static class InnerTubePage
{
    /// <summary>
    /// Adds the items <paramref name="read"/> recognises (by renderer name; not looked into
    /// further), each id once, and returns the page's continuation token: the first
    /// <c>continuationItemRenderer</c>'s.
    /// </summary>
    public static string? Collect(JsonNode? node, List<PlaylistItem> items, Func<string, JsonObject, PlaylistItem?> read)
    {
        string? token = null;
        void Walk(JsonNode? current)
        {
            switch (current)
            {
                case JsonObject o:
                    foreach (var (name, value) in o)
                    {
                        if (value is JsonObject renderer && read(name, renderer) is { } item)
                        {
                            if (items.TrueForAll(i => i.Id != item.Id))
                            {
                                items.Add(item);
                            }
                        }
                        else if (name == "continuationItemRenderer")
                        {
                            token ??= Text(value?["continuationEndpoint"]?["continuationCommand"]?["token"]);
                        }
                        else
                        {
                            Walk(value);
                        }
                    }
                    break;
                case JsonArray a:
                    foreach (var child in a)
                    {
                        Walk(child);
                    }
                    break;
            }
        }
        Walk(node);
        return token;
    }
}
