using System.Net;
using System.Text.Json;
using VideoPlatform.Legacy.Tests.Fakes;

namespace VideoPlatform.Legacy.Tests;

/// <summary>What legacy tells the services behind it about a player, and what it tells the player about them.</summary>
public sealed class InternalHopTests
{
    private const string ProxyPath = $"/api/v2/stream/proxy/youtube/{FakeVideos.Short}";

    [Fact]
    public async Task A_forwarded_request_carries_the_internal_key_and_the_players_address_not_the_players_claim()
    {
        await using var fixture = new OwnedFixture(new LegacyFixture { InternalApiKey = "internal-secret" });
        await fixture.Legacy.InitializeAsync();
        using var client = fixture.Legacy.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, ProxyPath)
        {
            Headers = { { "X-Client-Address", "203.0.113.66" }, { "X-API-Key", "player-key" } },
        };

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("internal-secret", response.Headers.GetValues("X-Seen-Api-Key").Single());
        // The test host's client: WebApplicationFactory's TestServer has no remote address, so legacy names what it has.
        Assert.NotEqual("203.0.113.66", response.Headers.GetValues("X-Seen-Client-Address").Single());
    }

    [Fact]
    public async Task Without_an_internal_key_a_players_claim_about_its_address_is_still_dropped()
    {
        await using var fixture = new OwnedFixture(new LegacyFixture());
        await fixture.Legacy.InitializeAsync();
        using var client = fixture.Legacy.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, ProxyPath) { Headers = { { "X-Client-Address", "203.0.113.66" } } };

        using var response = await client.SendAsync(request);

        Assert.Equal("", response.Headers.GetValues("X-Seen-Client-Address").Single());
    }

    [Fact]
    public async Task A_hops_rate_limit_is_not_passed_to_the_player_as_its_own()
    {
        await using var fixture = new OwnedFixture(new LegacyFixture());
        await fixture.Legacy.InitializeAsync();
        using var client = fixture.Legacy.CreateClient();

        using var player = await client.GetAsync($"/api/vrchat/stream?url=https://youtu.be/{FakeVideos.Limited}");
        using var json = await client.GetAsync($"/api/v2/stream/info/youtube/{FakeVideos.Limited}");
        var problem = JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, player.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, json.StatusCode);
        Assert.Equal("upstream_unavailable", problem.GetProperty("code").GetString());
    }

    private sealed class OwnedFixture(LegacyFixture legacy) : IAsyncDisposable
    {
        public LegacyFixture Legacy { get; } = legacy;

        public async ValueTask DisposeAsync() => await Legacy.DisposeAsync();
    }
}
