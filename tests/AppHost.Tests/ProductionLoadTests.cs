using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Xunit.Abstractions;

namespace VideoPlatform.AppHost.Tests;

/// <summary>
/// Many VRChat players through legacy, in the composition as deployed (Production, security on):
/// limits are counted per player at the edge, and our own services' calls to each other are not
/// counted against anyone, so that no player is refused for what the others load.
/// </summary>
[Collection(ProductionCollection.Name)]
public sealed class ProductionLoadTests(ProductionComposition production, ITestOutputHelper output)
{
    private const int Players = 30;
    private const int VideosEach = 20;
    private const string UnityPlayer = "UnityPlayer/2022.3.22f1-DWR (UnityWebRequest/1.0, libcurl/8.5.0-DEV)";
    private const string AvPro = "NSPlayer/12.00.19041.5848 WMFSDK/12.00.19041.5848";

    private DistributedApplication App => production.App;

    [Fact]
    public async Task Thirty_players_loading_600_distinct_videos_through_legacy_all_get_a_302_and_no_hop_counts_them_against_legacy()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var answers = new ConcurrentQueue<(string Video, HttpStatusCode Status, string? Location, string Body)>();
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(1, Players).Select(async player =>
        {
            using var client = PlayerClient.From(PlayerAddress(player), production.Legacy);
            client.DefaultRequestHeaders.UserAgent.ParseAdd(player % 2 == 0 ? UnityPlayer : AvPro);
            for (var video = 0; video < VideosEach; video++)
            {
                // 11 characters, as YouTube's ids; unencoded, as world players paste links.
                var id = $"load{player:D2}v{video:D4}";
                using var response = await client.GetAsync($"/api/vrchat/stream?url=https://www.youtube.com/watch?v={id}", timeout.Token);
                answers.Enqueue((id, response.StatusCode, response.Headers.Location?.ToString(),
                    response.StatusCode == HttpStatusCode.Redirect ? "" : await response.Content.ReadAsStringAsync(timeout.Token)));
            }
        }));
        clock.Stop();

        var byStatus = answers.GroupBy(a => (int)a.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}").ToList();
        output.WriteLine($"{answers.Count} requests from {Players} addresses in {clock.Elapsed.TotalSeconds:0.0} s; {string.Join(", ", byStatus)}");
        var refused = answers.Where(a => a.Status != HttpStatusCode.Redirect).Take(5).Select(a => $"{a.Video}: {(int)a.Status} {a.Body}");
        Assert.True(answers.All(a => a.Status == HttpStatusCode.Redirect), $"{string.Join(", ", byStatus)}; first refusals: {string.Join(" | ", refused)}");
        Assert.Equal(Players * VideosEach, answers.Select(a => a.Video).Distinct().Count());
        // Each a redirect to the CDN with the video's own URL, what a public world plays.
        Assert.All(answers, a => Assert.StartsWith(production.Cdn.Address + "videoplayback?", a.Location, StringComparison.Ordinal));
        Assert.Equal(Players * VideosEach, answers.Select(a => a.Location).Distinct().Count());
        // Every video was extracted: metadata answered each from the platform, not from one cached answer.
        Assert.Equal(Players * VideosEach, production.YouTube.Calls.Select(c => c.VideoId).Where(id => id.StartsWith("load", StringComparison.Ordinal)).Distinct().Count());

        // Legacy, the edge, counted each player; streaming and metadata counted nobody for these
        // calls: they came with the internal key, so no hop held legacy's budget or a player's.
        var counters = await RateLimitKeysAsync(timeout.Token,
            [.. Enumerable.Range(1, Players).Select(p => $"ratelimit:Legacy:ip:{PlayerAddress(p)}:*"), "ratelimit:Streaming:*", "ratelimit:Metadata:*"]);
        Assert.All(counters[..Players], keys => Assert.NotEmpty(keys));
        var atHops = counters[Players..].SelectMany(keys => keys).ToList();
        Assert.True(atHops.Count == 0, $"Counted at streaming or metadata: {string.Join(", ", atHops)}");
    }

    [Fact]
    public async Task A_player_over_the_limit_gets_a_429_with_retry_after_from_legacy()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        using var client = PlayerClient.From(PlayerAddress(Players + 1), production.Legacy);
        client.DefaultRequestHeaders.UserAgent.ParseAdd(UnityPlayer);

        // A player's retry loop on one video. Limits are per fixed window: two windows' worth is
        // the most that can pass before a refusal, wherever the minute turns.
        var played = 0;
        string? remainingBefore = null;
        HttpResponseMessage? refusal = null;
        for (var attempt = 0; attempt < 2 * 300 + 1 && refusal is null; attempt++)
        {
            var response = await client.GetAsync($"/api/vrchat/stream?url=https://youtu.be/{ProductionComposition.RecordedVideo}", timeout.Token);
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                played++;
                remainingBefore = response.Headers.GetValues("X-RateLimit-Remaining").Single();
                response.Dispose();
            }
            else
            {
                refusal = response;
            }
        }
        output.WriteLine($"{played} redirects, then {(int?)refusal?.StatusCode}");

        Assert.NotNull(refusal);
        using (refusal)
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refusal.StatusCode);
            Assert.InRange(played, 1, 2 * 300);
            // The refusal follows the answer that said none were left: the limit is the deployed default.
            Assert.Equal("0", remainingBefore);
            Assert.Equal("300", refusal.Headers.GetValues("X-RateLimit-Limit").Single());
            var retryAfter = refusal.Headers.RetryAfter?.Delta;
            Assert.NotNull(retryAfter);
            Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
            using var problem = JsonDocument.Parse(await refusal.Content.ReadAsStringAsync(timeout.Token));
            Assert.Equal("rate_limited", problem.RootElement.GetProperty("code").GetString());
        }

        // Another player is not affected.
        using var other = PlayerClient.From(PlayerAddress(Players + 2), production.Legacy);
        using var plays = await other.GetAsync($"/api/vrchat/stream?url=https://youtu.be/{ProductionComposition.RecordedVideo}", timeout.Token);
        await AssertRedirectAsync(plays, timeout.Token);
    }

    [Fact]
    public async Task With_the_internal_key_set_and_no_public_keys_a_keyless_player_plays()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        // As started: Production, one internal key for all three services (the AppHost's
        // parameter), and no public key.
        var environments = new List<string[]>();
        foreach (var service in ProductionComposition.Services)
        {
            var pid = (await App.PidsAsync(service, timeout.Token)).Single();
            environments.Add(File.ReadAllText($"/proc/{pid}/environ").Split('\0'));
        }
        Assert.All(environments, variables => Assert.Contains("ASPNETCORE_ENVIRONMENT=Production", variables));
        Assert.All(environments, variables => Assert.DoesNotContain(variables, v => v.StartsWith("Security__", StringComparison.Ordinal)
            && !v.StartsWith("Security__InternalApiKey=", StringComparison.Ordinal)));
        var keys = environments.Select(variables => variables.Single(v => v.StartsWith("Security__InternalApiKey=", StringComparison.Ordinal))).ToList();
        Assert.Single(keys.Distinct());
        Assert.Matches("^Security__InternalApiKey=[A-Za-z0-9]{32,}$", keys[0]);

        using var player = PlayerClient.From(PlayerAddress(Players + 3), production.Legacy);
        player.DefaultRequestHeaders.UserAgent.ParseAdd(AvPro);
        using var plays = await player.GetAsync("/api/vrchat/stream?url=https://www.youtube.com/watch?v=keylessPlay", timeout.Token);
        await AssertRedirectAsync(plays, timeout.Token);
        Assert.StartsWith(production.Cdn.Address + "videoplayback?", plays.Headers.Location?.ToString(), StringComparison.Ordinal);

        // Keys are checked: one that is not ours is refused, so the keyless pass is not security off.
        using var wrongKey = await player.GetAsync("/api/vrchat/stream?url=https://www.youtube.com/watch?v=keylessPlay&api_key=guessed", timeout.Token);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
    }

    private static async Task AssertRedirectAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");

    private static IPAddress PlayerAddress(int player) => IPAddress.Parse($"127.0.1.{player}");

    /// <summary>The rate-limit counters in Redis whose names match each pattern.</summary>
    private async Task<string[][]> RateLimitKeysAsync(CancellationToken cancellationToken, string[] patterns)
    {
        var password = (await App.GetConnectionStringAsync("cache", cancellationToken))!.Split(",password=")[1];
        // Each pattern's keys as one status line ("+a,b"), as Resp reads one line per reply.
        var reply = await Resp.SendAsync(App.GetEndpoint("cache", "tcp"), cancellationToken,
            ["AUTH " + password, .. patterns.Select(p => $"EVAL \"return{{ok=table.concat(redis.call('KEYS',ARGV[1]),',')}}\" 0 {p}")]);
        return [.. reply.Split('|')[1..].Select(line => line.TrimStart('+').Split(',', StringSplitOptions.RemoveEmptyEntries))];
    }
}
