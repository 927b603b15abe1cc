using System.Net;
using System.Net.Http.Json;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.TestSupport.YouTube;

namespace VideoPlatform.Metadata.Tests.YouTube;

/// <summary>
/// A bgutil-compatible PO token provider configured: the clients whose media need a token (the
/// ANDROID reel client and its muxed itag 18) are asked with one, in the player request and in
/// their URLs; tokens are kept per video; a failing provider leaves the token-free clients.
/// </summary>
public sealed class PoTokenTests(PoTokenProviderFixture fixture) : MetadataOverFakeYouTube, IClassFixture<PoTokenProviderFixture>
{
    private readonly FakePoTokenProvider _provider = fixture.Reset();

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Platforms:YouTube:PoToken:ProviderUrl"] = _provider.BaseUrl.ToString(),
        ["Metadata:Cache:RefreshAfter"] = "00:00:00",
    };

    [Fact]
    public async Task The_token_bound_client_is_asked_with_a_token_for_the_video_and_its_urls_carry_it()
    {
        var formats = await Client.GetFromJsonAsync<FormatList>("/api/v2/videos/youtube/M4gD1WSo5mA/formats", ContractJson.Options);

        var token = FakePoTokenProvider.TokenFor("M4gD1WSo5mA");
        var muxed = Assert.Single(formats!.Formats, f => f.HasVideo && f.HasAudio);
        Assert.Equal("18", muxed.FormatId);
        Assert.EndsWith($"&pot={token}", muxed.Url);
        Assert.All(formats.Formats.Where(f => f != muxed), f => Assert.DoesNotContain("pot=", f.Url));
        Assert.Equal(token, YouTube.PlayerRequests.Single(r => r.Reel).PoToken);
        Assert.Null(YouTube.PlayerRequests.Single(r => r.ClientName == "VISIONOS").PoToken);
        Assert.Equal(["M4gD1WSo5mA"], _provider.Bindings);
    }

    [Fact]
    public async Task A_token_is_kept_for_its_video_until_it_expires()
    {
        await Client.GetFromJsonAsync<FormatList>("/api/v2/videos/youtube/M4gD1WSo5mA/formats", ContractJson.Options);
        await Client.GetFromJsonAsync<FormatList>("/api/v2/videos/youtube/M4gD1WSo5mA/formats?fresh=true", ContractJson.Options);
        await Client.GetFromJsonAsync<FormatList>("/api/v2/videos/youtube/dQw4w9WgXcQ/formats", ContractJson.Options);

        Assert.Equal(2, YouTube.PlayerRequests.Count(r => r.Reel && r.VideoId == "M4gD1WSo5mA"));
        Assert.Equal(["M4gD1WSo5mA", "dQw4w9WgXcQ"], _provider.Bindings);
    }

    [Fact]
    public async Task A_failing_provider_leaves_the_token_free_clients_and_no_token_bound_url()
    {
        _provider.Fail = true;

        using var response = await Client.GetAsync("/api/v2/videos/youtube/M4gD1WSo5mA/formats");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var formats = await response.Content.ReadFromJsonAsync<FormatList>(ContractJson.Options);
        Assert.NotEmpty(formats!.Formats);
        Assert.DoesNotContain(formats.Formats, f => f.HasVideo && f.HasAudio);
        Assert.DoesNotContain(YouTube.PlayerRequests, r => r.Reel);
        Assert.Equal(["M4gD1WSo5mA"], _provider.Bindings);
    }

    [Fact]
    public async Task The_token_bound_muxed_client_is_asked_alongside_the_first_client_not_after_it()
    {
        // Each answer takes long enough that calls made one after the other cannot overlap.
        YouTube.Latency = TimeSpan.FromMilliseconds(500);

        var formats = await Client.GetFromJsonAsync<FormatList>("/api/v2/videos/youtube/M4gD1WSo5mA/formats", ContractJson.Options);

        Assert.Contains(formats!.Formats, f => f.FormatId == "18");
        Assert.Equal(2, YouTube.MostPlayerCallsAtOnce);
    }
}
