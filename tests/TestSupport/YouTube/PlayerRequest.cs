using System.Text.Json;

namespace VideoPlatform.TestSupport.YouTube;

/// <summary>One player call as the fake received it: who asked, with which identity, visitor data and PO token.</summary>
public sealed record PlayerRequest(
    string ClientName,
    string VideoId,
    bool Reel,
    string? ClientVersion,
    string? DeviceModel,
    string? OsVersion,
    string? ContextVisitorData,
    string? VisitorIdHeader,
    string? PoToken)
{
    public static PlayerRequest Read(JsonElement root, bool reel, string visitorIdHeader)
    {
        var client = root.GetProperty("context").GetProperty("client");
        var player = reel ? root.GetProperty("playerRequest") : root;
        string? Text(JsonElement element, string name) => element.TryGetProperty(name, out var value) ? value.GetString() : null;
        return new PlayerRequest(
            Text(client, "clientName") ?? "",
            Text(player, "videoId") ?? "",
            reel,
            Text(client, "clientVersion"),
            Text(client, "deviceModel"),
            Text(client, "osVersion"),
            Text(client, "visitorData"),
            visitorIdHeader.Length == 0 ? null : visitorIdHeader,
            player.TryGetProperty("serviceIntegrityDimensions", out var integrity) ? Text(integrity, "poToken") : null);
    }
}
