using System.Net.Http.Json;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.TestSupport.Bilibili;

namespace VideoPlatform.Metadata.Tests.Bilibili;

/// <summary>A logged-in session configured with its own buvid3: its cookies come first, the guest ones only fill gaps.</summary>
public sealed class BilibiliSessionTests : MetadataOverFakeBilibili
{
    private const string OwnBuvid3 = "0A1B2C3D-0000-1111-2222-333344445555-12345infoc";

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Platforms:Bilibili:Cookies"] = $"{FakeBilibili.SessionCookie}; buvid3={OwnBuvid3}; bili_jct=0123456789abcdef",
    };

    [Fact]
    public async Task Configured_cookies_take_precedence_and_a_session_asks_without_try_look()
    {
        var formats = await Client.GetFromJsonAsync<FormatList>("/api/v2/videos/bilibili/BV1rp4y1e745/formats", ContractJson.Options);

        Assert.Contains(formats!.Formats, f => f.FormatId == "80-avc");
        Assert.Empty(Bilibili.RiskControl.Refusals);
        var playUrl = Bilibili.RiskControl.Cookies.Where(c => c.Path == "/x/player/wbi/playurl").Select(c => c.Cookie).ToList();
        Assert.NotEmpty(playUrl);
        Assert.All(playUrl, cookie =>
        {
            Assert.StartsWith($"{FakeBilibili.SessionCookie}; buvid3={OwnBuvid3}", cookie);
            Assert.DoesNotContain(BilibiliRiskControl.HandedOutBuvid3, cookie);
            Assert.Contains("buvid4=", cookie);
        });
        Assert.All(Requested("/x/player/wbi/playurl"), r => Assert.DoesNotContain("try_look", r));
    }
}
