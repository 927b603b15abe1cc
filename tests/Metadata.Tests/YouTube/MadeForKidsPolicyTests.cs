using System.Net.Http.Json;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Metadata.Extractors.YouTube;

namespace VideoPlatform.Metadata.Tests.YouTube;

/// <summary>
/// The made-for-kids policy: after a refusal that may be a made-for-kids one from a client that
/// does not serve them, the other clients that do not are passed over.
/// </summary>
public sealed class MadeForKidsPolicyTests : MetadataOverFakeYouTube
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = Chain(
        ("visionos", "VISIONOS", 101, "1.04", false, false),
        ("ios", "IOS", 5, "21.26.4", false, false),
        ("tv", "TVHTML5", 7, "7.20260707.07.00", true, true));

    [Fact]
    public async Task After_visionos_refuses_only_clients_that_serve_made_for_kids_videos_are_asked()
    {
        var info = await Client.GetFromJsonAsync<VideoInfo>("/api/v2/videos/youtube/it3OtbTxQk0", ContractJson.Options);

        Assert.Equal("Introduction to Doodle for Google 2023", info!.Title);
        Assert.Equal(["VISIONOS", "TVHTML5"], YouTube.PlayerRequests.Select(r => r.ClientName));
    }

    [Fact]
    public void The_default_chain_has_no_client_whose_media_are_refused_without_a_token_but_the_muxed_one()
    {
        var clients = YouTubeOptions.DefaultClients;

        Assert.DoesNotContain(clients, c => c.ClientName == "ANDROID_VR");
        Assert.Equal("VISIONOS", clients[0].ClientName);
        // Without a token, every client but the token-bound muxed one offers something.
        Assert.Equal(["android-reel"], clients.Where(c => !c.OffersAnythingWithout(hasToken: false)).Select(c => c.Name));
        Assert.All(clients.Where(c => c.NeedsPlayerJs), c => Assert.True(c.ServesMadeForKids));
    }

    private static Dictionary<string, string> Chain(params (string Name, string ClientName, int Id, string Version, bool Js, bool Kids)[] clients)
    {
        var settings = new Dictionary<string, string>();
        for (var i = 0; i < clients.Length; i++)
        {
            var prefix = $"Platforms:YouTube:Clients:{i}:";
            settings[prefix + "Name"] = clients[i].Name;
            settings[prefix + "ClientName"] = clients[i].ClientName;
            settings[prefix + "ClientId"] = clients[i].Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings[prefix + "ClientVersion"] = clients[i].Version;
            settings[prefix + "NeedsPlayerJs"] = clients[i].Js ? "true" : "false";
            settings[prefix + "ServesMadeForKids"] = clients[i].Kids ? "true" : "false";
        }
        return settings;
    }
}
