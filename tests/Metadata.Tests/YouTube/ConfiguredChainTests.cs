using System.Net.Http.Json;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Metadata.Tests.YouTube;

/// <summary>
/// A chain given wholly in configuration (as an operator would when YouTube retires a client),
/// against an older recorded answer: the IOS client of July 2024, whose view count and formats are
/// read as the 2026 ones are.
/// </summary>
public sealed class ConfiguredChainTests : MetadataOverFakeYouTube
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Platforms:YouTube:Clients:0:Name"] = "ios",
        ["Platforms:YouTube:Clients:0:ClientName"] = "IOS",
        ["Platforms:YouTube:Clients:0:ClientId"] = "5",
        ["Platforms:YouTube:Clients:0:ClientVersion"] = "19.28.1",
        ["Platforms:YouTube:Clients:0:UserAgent"] = "com.google.ios.youtube/19.28.1(iPhone16,2; U; CPU iOS 17_5_1 like Mac OS X; GB)",
        ["Platforms:YouTube:Clients:0:DeviceMake"] = "Apple",
        ["Platforms:YouTube:Clients:0:DeviceModel"] = "iPhone16,2",
        ["Platforms:YouTube:Clients:0:OsName"] = "iOS",
        ["Platforms:YouTube:Clients:0:OsVersion"] = "17.5.1.21F90",
        ["Platforms:YouTube:Clients:0:Platform"] = "MOBILE",
        ["Platforms:YouTube:MicroformatFromWeb"] = "false",
        ["Platforms:YouTube:LikesFromWatchNext"] = "false",
    };

    [Fact]
    public async Task A_configured_client_is_asked_as_configured_and_an_older_answers_view_count_is_read()
    {
        var info = await Client.GetFromJsonAsync<VideoInfo>("/api/v2/videos/youtube/M4gD1WSo5mA", ContractJson.Options);

        Assert.Equal(11469, info!.ViewCount);
        Assert.Equal(8, info.Formats.Count);
        Assert.All(info.Formats, f => Assert.Contains("&c=IOS&", f.Url));
        var request = Assert.Single(YouTube.PlayerRequests);
        Assert.Equal(("IOS", "19.28.1", "iPhone16,2", "17.5.1.21F90"), (request.ClientName, request.ClientVersion, request.DeviceModel, request.OsVersion));
        // Visitor data only for the clients configured to send it.
        Assert.Empty(YouTube.VisitorIdCalls);
    }
}
