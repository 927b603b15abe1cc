using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Streaming;
using VideoPlatform.TestSupport;

namespace VideoPlatform.Streaming.Tests.Hostile;

/// <summary>
/// What a platform or CDN sends cannot reach inside, exhaust memory or crash an answer. Every test
/// ends with the inside server never asked anything; every refusal is a problem with a stable code,
/// never a 500.
/// </summary>
/// <remarks>
/// Download jobs belong to whoever started them (their API key, or the token their creation
/// answered): the suite checks that another client can neither list nor read one. The rules
/// themselves are tested with the downloads (DownloadTests).
/// </remarks>
[Collection(HostileCollection.Name)]
public sealed class HostileCdnTests(HostileUpstreams upstreams, Xunit.Abstractions.ITestOutputHelper output)
{
    private HttpClient Client => upstreams.Client;

    public static TheoryData<string, string> InwardMedia => new()
    {
        { "/redirect/inside", "https" },
        { "/redirect/localhost", "https" },
        { "/redirect/metadata", "https" },
        { "/playlist-as.mp4", "https" },
        { "/playlist-typed.mp4", "https" },
        { "/playlist-trickled.mp4", "https" },
        { "/hls/inside.m3u8", "hls" },
    };

    [Theory]
    [MemberData(nameof(InwardMedia))]
    public async Task A_download_never_lets_ffmpeg_reach_inside(string path, string protocol)
    {
        var job = await upstreams.DownloadAsync(upstreams.Video(upstreams.OnCdn(path).ToString(), protocol));

        Assert.Equal(DownloadStates.Failed, job.State);
        Assert.Empty(upstreams.Inside.Requests);
    }

    [Fact]
    public async Task A_download_of_a_format_that_names_inside_itself_fails_without_a_request()
    {
        var job = await upstreams.DownloadAsync(upstreams.Video(new Uri(upstreams.Inside.Address, "/media.mp4").ToString()));

        Assert.Equal(DownloadStates.Failed, job.State);
        Assert.Empty(upstreams.Inside.Requests);
    }

    [Theory]
    [InlineData("mp4")]
    [InlineData("hls")]
    public async Task Downloads_through_the_relay_still_complete(string kind)
    {
        var id = kind == "mp4" ? upstreams.Video(upstreams.GoodMp4.ToString()) : upstreams.Video(upstreams.GoodHls.ToString(), "hls");

        var job = await upstreams.DownloadAsync(id);

        Assert.True(job.State == DownloadStates.Completed, job.Error);
        Assert.True(job.Bytes > 10_000, $"{job.Bytes} bytes");
    }

    public static TheoryData<string> UnacceptableTargets => new()
    {
        "javascript:alert(document.cookie)",
        "file:///etc/passwd",
        "data:text/html,<script>alert(1)</script>",
        "ftp://127.0.0.1/media.mp4",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fe80::1]/media.mp4",
        "http://0.0.0.0/media.mp4",
        "not a url at all",
        "/relative/media.mp4",
    };

    [Theory]
    [MemberData(nameof(UnacceptableTargets))]
    public async Task Redirect_json_and_proxy_never_hand_on_an_unacceptable_url(string url)
    {
        var id = upstreams.Video(url);

        foreach (var path in new[] { $"/api/v2/stream/youtube/{id}", $"/api/v2/stream/youtube/{id}?mode=json", $"/api/v2/stream/direct/youtube/{id}", $"/api/v2/stream/proxy/youtube/{id}" })
        {
            using var response = await Client.GetAsync(path);
            await AssertProblemAsync(response, HttpStatusCode.BadGateway, ErrorCodes.UpstreamUnavailable);
            Assert.Null(response.Headers.Location);
        }
    }

    [Fact]
    public async Task User_info_and_ports_off_the_allow_list_are_refused_alike_whether_open_or_closed()
    {
        var open = upstreams.Video($"http://127.0.0.1:{upstreams.Inside.Address.Port}/media.mp4");
        var closed = upstreams.Video($"http://127.0.0.1:{TestSupport.FreePort.Next()}/media.mp4");
        var userInfo = upstreams.Video($"http://user:secret@{upstreams.Cdn.Address.Authority}/html.mp4");

        var details = new List<string?>();
        foreach (var id in new[] { open, closed, userInfo })
        {
            using var response = await Client.GetAsync($"/api/v2/stream/proxy/youtube/{id}");
            var problem = await AssertProblemAsync(response, HttpStatusCode.BadGateway, ErrorCodes.UpstreamUnavailable);
            details.Add(JsonDocument.Parse(problem!).RootElement.GetProperty("detail").GetString());
        }

        // Refused before any connection: an open and a closed port cannot be told apart.
        Assert.Equal(details[0], details[1]);
        Assert.Empty(upstreams.Inside.Requests);
    }

    [Theory]
    [InlineData("/length-letters.mp4")]
    [InlineData("/length-negative.mp4")]
    [InlineData("/length-twice.mp4")]
    public async Task An_invalid_content_length_from_the_cdn_is_a_502_problem(string path)
    {
        using var response = await Client.GetAsync($"/api/v2/stream/proxy/youtube/{upstreams.Video(upstreams.OnRaw(path).ToString())}");

        await AssertProblemAsync(response, HttpStatusCode.BadGateway, ErrorCodes.UpstreamUnavailable);
    }

    [Theory]
    [InlineData("/range-garbage.mp4")]
    [InlineData("/type-garbage.mp4")]
    [InlineData("/header-bytes.mp4")]
    public async Task Malformed_upstream_headers_are_dropped_not_copied(string path)
    {
        using var response = await Client.GetAsync($"/api/v2/stream/proxy/youtube/{upstreams.Video(upstreams.OnRaw(path).ToString())}");

        Assert.True((int)response.StatusCode is 200 or 206 or 502, $"answered {(int)response.StatusCode}");
        Assert.Null(response.Content.Headers.ContentRange);
        Assert.NotEqual("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Headers.ETag);
    }

    [Fact]
    public async Task A_body_shorter_than_its_length_is_cut_short_not_passed_off_as_whole()
    {
        using var response = await Client.GetAsync($"/api/v2/stream/proxy/youtube/{upstreams.Video(upstreams.OnRaw("/length-short.mp4").ToString())}",
            HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Assert.ThrowsAnyAsync<Exception>(() => response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/html.mp4")]
    [InlineData("/svg.mp4")]
    public async Task Active_content_from_the_cdn_is_never_served_as_such_from_our_origin(string path)
    {
        using var response = await Client.GetAsync($"/api/v2/stream/proxy/youtube/{upstreams.Video(upstreams.OnCdn(path).ToString())}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.StartsWith("sandbox", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Theory]
    [InlineData("/playlist-as.mp4")]
    [InlineData("/playlist-typed.mp4")]
    [InlineData("/playlist-trickled.mp4")]
    public async Task A_playlist_where_a_media_file_was_expected_is_refused(string path)
    {
        using var response = await Client.GetAsync($"/api/v2/stream/proxy/youtube/{upstreams.Video(upstreams.OnCdn(path).ToString())}");

        await AssertProblemAsync(response, HttpStatusCode.BadGateway, ErrorCodes.UpstreamUnavailable);
        Assert.Empty(upstreams.Inside.Requests);
    }

    [Fact]
    public async Task Playlist_entries_that_name_inside_are_signed_but_never_fetched()
    {
        var playlist = await Client.GetStringAsync($"/api/v2/stream/youtube/{upstreams.Live(upstreams.OnCdn("/hls/inside.m3u8").ToString())}?mode=hls");
        var entries = playlist.Split('\n').Select(l => l.Contains("URI=\"", StringComparison.Ordinal) ? l.Split('"')[1] : l)
            .Where(l => l.StartsWith("/api/v2/stream/segment", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, entries.Count);
        foreach (var entry in entries)
        {
            using var response = await Client.GetAsync(entry);
            await AssertProblemAsync(response, HttpStatusCode.BadGateway, ErrorCodes.UpstreamUnavailable);
        }
        Assert.Empty(upstreams.Inside.Requests);
    }

    [Theory]
    [InlineData("/hls/long-entry.m3u8")]
    [InlineData("/hls/not-a-playlist.m3u8")]
    public async Task A_playlist_this_service_will_not_rewrite_is_a_502_problem(string path)
    {
        using var response = await Client.GetAsync($"/api/v2/stream/youtube/{upstreams.Live(upstreams.OnCdn(path).ToString())}?mode=hls");

        await AssertProblemAsync(response, HttpStatusCode.BadGateway, ErrorCodes.UpstreamUnavailable);
    }

    [Fact]
    public async Task Entries_that_are_not_urls_are_left_out_of_the_rewrite()
    {
        using var response = await Client.GetAsync($"/api/v2/stream/youtube/{upstreams.Live(upstreams.OnCdn("/hls/bad-references.m3u8").ToString())}?mode=hls");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("[::1", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_playlist_whose_rewrite_would_pass_the_output_bound_is_refused_before_anything_is_sent()
    {
        var master = upstreams.OnCdn($"/hls/deep/{new string('d', 3000)}/x.m3u8");

        using var response = await Client.GetAsync($"/api/v2/stream/youtube/{upstreams.Live(master.ToString())}?mode=hls");

        await AssertProblemAsync(response, HttpStatusCode.BadGateway, ErrorCodes.UpstreamUnavailable);
    }

    [Fact]
    public async Task A_playlist_of_millions_of_tiny_entries_answers_a_small_problem_and_memory_stays_flat()
    {
        var id = upstreams.Live(upstreams.OnCdn("/hls/tiny.m3u8").ToString());
        using (var warm = await Client.GetAsync($"/api/v2/stream/youtube/{id}?mode=hls"))
        {
            await AssertProblemAsync(warm, HttpStatusCode.BadGateway, ErrorCodes.UpstreamUnavailable);
        }
        var heldBefore = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        const int Requests = 5;
        long answered = 0;
        for (var i = 0; i < Requests; i++)
        {
            using var response = await Client.GetAsync($"/api/v2/stream/youtube/{id}?mode=hls");
            answered += (await AssertProblemAsync(response, HttpStatusCode.BadGateway, ErrorCodes.UpstreamUnavailable))!.Length;
        }

        var allocatedEach = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / Requests;
        var held = GC.GetTotalMemory(forceFullCollection: true) - heldBefore;
        output.WriteLine($"answered {answered / Requests} bytes, allocated {allocatedEach / (1024 * 1024)} MiB per request; held {held / 1024} KiB more after {Requests}");
        // Unbounded, each answer was ~300 MB and allocated more than a gigabyte; the 4 MiB playlist
        // itself is read (as bytes, then text) once per request, the rest stops at the entry bound.
        Assert.True(answered < Requests * 4096, $"{answered} bytes answered");
        Assert.True(allocatedEach < 64L * 1024 * 1024, $"{allocatedEach / (1024 * 1024)} MiB allocated per request");
        Assert.True(held < 16L * 1024 * 1024, $"{held / (1024 * 1024)} MiB more held after {Requests} requests");
    }

    [Fact]
    public async Task A_download_name_cannot_carry_a_path_or_a_header_break()
    {
        var name = Uri.EscapeDataString("../../etc/passwd\r\nSet-Cookie: a=b");

        using var response = await Client.GetAsync($"/api/v2/stream/proxy/youtube/{upstreams.Video(upstreams.GoodMp4.ToString())}?download=true&filename={name}",
            HttpCompletionOption.ResponseHeadersRead);

        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.False(response.Headers.Contains("Set-Cookie"));
        foreach (var value in new[] { disposition.FileName!, disposition.FileNameStar!, Uri.UnescapeDataString(disposition.FileNameStar!) })
        {
            Assert.DoesNotContain("/", value);
            Assert.DoesNotContain("..", value);
            Assert.DoesNotContain(value, char.IsControl);
            Assert.DoesNotContain("%2F", value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("%0D", value, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_token_in_another_base64_spelling_of_the_same_bytes_is_refused()
    {
        var playlist = await Client.GetStringAsync($"/api/v2/stream/youtube/{upstreams.Live(upstreams.GoodHls.ToString())}?mode=hls");
        var entry = playlist.Split('\n').First(l => l.StartsWith("/api/v2/stream/segment", StringComparison.Ordinal));
        // A 32-byte signature is 43 characters, the last of which carries two unused bits: set one.
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var respelled = entry[..^1] + Alphabet[Alphabet.IndexOf(entry[^1]) ^ 1];

        using var canonical = await Client.GetAsync(entry);
        using var other = await Client.GetAsync(respelled);

        Assert.Equal(HttpStatusCode.OK, canonical.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Fact]
    public async Task Another_client_can_neither_list_nor_read_a_download_job()
    {
        var job = await upstreams.DownloadAsync(upstreams.Video(upstreams.GoodMp4.ToString()));

        using var listed = await Client.GetAsync("/api/v2/downloads");
        using var read = await Client.GetAsync($"/api/v2/downloads/{job.Id}");
        using var file = await Client.GetAsync($"/api/v2/downloads/{job.Id}/file");

        Assert.DoesNotContain(job.Id, await listed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, file.StatusCode);
    }

    /// <summary>Asserts a problem answer with this status and code; returns its body.</summary>
    private static async Task<string?> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code) =>
        (await ProblemAssert.HasCodeAsync(response, code, status)).GetRawText();
}
