using VideoPlatform.TestSupport;

namespace VideoPlatform.AppHost.Tests;

/// <summary>
/// Two replicas each of metadata and streaming (<c>WithReplicas(2)</c>) sharing one Redis: what
/// one replica cached is a hit on the other, and both sign with one token key.
/// </summary>
[Collection(CompositionCollection.Name)]
public sealed class ReplicaTests(CompositionFixture composition)
{
    private DistributedApplication App => composition.App;

    [Fact]
    public async Task A_video_cached_through_one_replica_is_a_hit_on_the_other()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var endpoint = App.GetEndpoint("metadata");
        var first = await GetVideoAsync(endpoint, timeout.Token);
        // The answer does not wait for the Redis write: the other replica may look only once it landed.
        var password = (await App.GetConnectionStringAsync("cache", timeout.Token))!.Split(",password=")[1];
        await Wait.UntilAsync(async () =>
        {
            var reply = await Resp.SendAsync(App.GetEndpoint("cache", "tcp"), timeout.Token, "AUTH " + password, "KEYS *shortsVideo*");
            return reply == "+OK|*0" ? null : reply;
        }, timeout.Token);

        // DCP's proxy balances per connection: new connections until the other replica answers.
        var second = await Wait.UntilAsync<Tuple<string, string>>(async () =>
        {
            var answer = await GetVideoAsync(endpoint, timeout.Token);
            return answer.Instance != first.Instance ? answer.ToTuple() : null;
        }, timeout.Token);

        Assert.Equal(first.Body, second.Item2);
        Assert.Equal(1, composition.YouTube.CallsFor("shortsVideo"));
        Assert.Equal(2, (await App.PidsAsync("metadata", timeout.Token)).Length);
    }

    [Fact]
    public async Task Both_streaming_replicas_get_one_token_key_so_a_token_one_signed_the_other_honours()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var pids = await App.PidsAsync("streaming", timeout.Token);
        Assert.Equal(2, pids.Length);

        // The environment each replica process was started with, as the kernel keeps it.
        var keys = pids.Select(pid => File.ReadAllText($"/proc/{pid}/environ").Split('\0')
                .Single(v => v.StartsWith("Streaming__TokenKey=", StringComparison.Ordinal)))
            .ToList();

        Assert.Single(keys.Distinct());
        Assert.Matches("^Streaming__TokenKey=[A-Za-z0-9]{32,}$", keys[0]);
    }

    private static async Task<(string Instance, string Body)> GetVideoAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = endpoint };
        using var response = await client.GetAsync("/api/v2/videos/youtube/shortsVideo", cancellationToken);
        response.EnsureSuccessStatusCode();
        return (response.Headers.GetValues("X-Instance-Id").Single(), await response.Content.ReadAsStringAsync(cancellationToken));
    }
}
