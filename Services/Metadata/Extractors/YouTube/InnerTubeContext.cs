using System.Globalization;
using System.Text.Json.Nodes;

namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>The <c>context</c> and headers one InnerTube client sends, from its profile.</summary>
internal static class InnerTubeContext
{
    public static JsonObject For(InnerTubeClientProfile profile, YouTubeOptions settings, string? visitorData)
    {
        var client = new JsonObject
        {
            ["clientName"] = profile.ClientName,
            ["clientVersion"] = profile.ClientVersion,
            ["hl"] = settings.Language,
            ["gl"] = settings.Region,
            ["utcOffsetMinutes"] = 0,
        };
        AddIfSet(client, "deviceMake", profile.DeviceMake);
        AddIfSet(client, "deviceModel", profile.DeviceModel);
        AddIfSet(client, "osName", profile.OsName);
        AddIfSet(client, "osVersion", profile.OsVersion);
        AddIfSet(client, "platform", profile.Platform);
        AddIfSet(client, "visitorData", visitorData);
        if (profile.AndroidSdkVersion is { } sdk)
        {
            client["androidSdkVersion"] = sdk;
        }

        var context = new JsonObject { ["client"] = client };
        if (profile.EmbedUrl is { } embedUrl)
        {
            context["thirdParty"] = new JsonObject { ["embedUrl"] = embedUrl };
        }
        return context;
    }

    public static void AddHeaders(HttpRequestMessage request, InnerTubeClientProfile profile, string? visitorData)
    {
        if (profile.UserAgent is { } userAgent)
        {
            request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        }
        request.Headers.Add("X-YouTube-Client-Name", profile.ClientId.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-YouTube-Client-Version", profile.ClientVersion);
        request.Headers.Add("X-Goog-Api-Format-Version", "2");
        if (!string.IsNullOrEmpty(visitorData))
        {
            request.Headers.TryAddWithoutValidation("X-Goog-Visitor-Id", visitorData);
        }
    }

    private static void AddIfSet(JsonObject node, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            node[name] = value;
        }
    }
}
