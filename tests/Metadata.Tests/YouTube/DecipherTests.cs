using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.TestSupport;
using VideoPlatform.TestSupport.YouTube;

namespace VideoPlatform.Metadata.Tests.YouTube;

/// <summary>
/// Formats that only a client needing the player's JavaScript returns: signatureCipher and the
/// <c>n</c> challenge solved by running a real 2026 player (<see cref="RealPlayers.Default"/>) in Jint.
/// The expected values are an independent solver's answers for the same player (<c>oracle.json</c>).
/// </summary>
[Collection(PlayerSolvingCollection.Name)]
public sealed class DecipherTests : MetadataOverFakeYouTube
{
    [Fact]
    public async Task Ciphered_formats_get_their_deciphered_signature_and_transformed_n()
    {
        var formats = await Client.GetFromJsonAsync<FormatList>("/api/v2/videos/youtube/cipheredVid/formats", ContractJson.Options);

        var expected = ExpectedUrls("cipheredVid");
        Assert.Equal(expected.Keys.Order(), formats!.Formats.Select(f => f.FormatId).Order());
        foreach (var format in formats.Formats)
        {
            Assert.Equal(expected[format.FormatId], format.Url);
        }
        // The manifest carries the same challenge in its path.
        Assert.Contains($"/source/youtube/n/{RealPlayers.Oracle(RealPlayers.Default).N["T9xNoUe2aD7vVQ"]}/c/TVHTML5/", formats.HlsManifestUrl);
        Assert.Equal(["VISIONOS", "TVHTML5"], YouTube.Calls.Select(c => c.Client));
        Assert.Equal(20472, YouTube.SignatureTimestamps.Single(c => c.Client == "TVHTML5").SignatureTimestamp);
        Assert.All(YouTube.SignatureTimestamps.Where(c => c.Client != "TVHTML5"), c => Assert.Null(c.SignatureTimestamp));
    }

    [Fact]
    public async Task The_player_script_is_fetched_once_across_many_requests()
    {
        var paths = Enumerable.Range(0, 24).Select(i => $"/api/v2/videos/youtube/{(i % 2 == 0 ? "cipheredVid" : "cipheredVd2")}{(i % 3 == 0 ? "/formats" : "")}");

        var responses = await Task.WhenAll(paths.Select(path => Client.GetAsync(path)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(YouTube.Requests, r => r.StartsWith($"GET /s/player/{RealPlayers.Default}/player_ias.vflset/en_US/base.js", StringComparison.Ordinal));
        Assert.Single(YouTube.Requests, r => r.StartsWith("GET /iframe_api", StringComparison.Ordinal));
        var second = await Client.GetFromJsonAsync<VideoInfo>("/api/v2/videos/youtube/cipheredVd2", ContractJson.Options);
        Assert.Equal(ExpectedUrls("cipheredVd2")["137"], second!.Formats.Single(f => f.FormatId == "137").Url);
    }

    [Theory]
    [InlineData("unparseable")]
    [InlineData("no-builder")]
    [InlineData("builder-throws")]
    public async Task A_player_that_cannot_be_solved_is_upstream_unavailable_naming_its_version_never_a_wrong_url(string breakage)
    {
        YouTube.PlayerVersion = "0badf00d";
        YouTube.PlayerScript = breakage switch
        {
            "unparseable" => "var _yt_player={};(function(g){var a=function(a){a=a.split(\"\");",
            // Invented: a player with its signature timestamp but no function that sets alr.
            "no-builder" => "var _yt_player={};(function(g){var window=this;g.sts={signatureTimestamp:20472};g.x=function(a,b,c){return a};})(_yt_player);",
            // Invented: the builder's shape, but its cipher step throws.
            _ => "var _yt_player={};(function(g){var window=this;var t={signatureTimestamp:20472};"
                 + "g.b=function(u,sp,s){var r={q:{alr:\"yes\"},get:function(k){return this.q[k]}};throw new Error(\"cipher helper missing\")};})(_yt_player);",
        };

        var problem = await AssertProblemAsync("/api/v2/videos/youtube/cipheredVid/formats", HttpStatusCode.BadGateway, ErrorCodes.UpstreamUnavailable);

        Assert.Contains("player 0badf00d", problem.GetProperty("detail").GetString());
        // The player's signature timestamp is still told to the client that needs it, where the script has one.
        Assert.Equal(breakage == "unparseable" ? null : 20472, YouTube.SignatureTimestamps.Single(c => c.Client == "TVHTML5").SignatureTimestamp);
    }

    [Fact]
    public async Task When_the_main_build_is_missing_the_next_build_is_solved()
    {
        YouTube.PlayerScript = null;
        // The main build's bytes under the es6 path: what is tested is that the next build is asked for and used.
        YouTube.OtherPlayerBuilds["player_es6.vflset/en_US/base.js"] = RealPlayers.Script(RealPlayers.Default);

        var formats = await Client.GetFromJsonAsync<FormatList>("/api/v2/videos/youtube/cipheredVid/formats", ContractJson.Options);

        Assert.Equal(ExpectedUrls("cipheredVid")["137"], formats!.Formats.Single(f => f.FormatId == "137").Url);
        Assert.Contains(YouTube.Requests, r => r.StartsWith($"GET /s/player/{RealPlayers.Default}/player_es6.vflset/en_US/base.js", StringComparison.Ordinal));
    }

    /// <summary>Each format of the fixture with its URL as it must come out.</summary>
    private Dictionary<string, string> ExpectedUrls(string videoId)
    {
        var cdn = YouTube.CdnUrl.ToString().TrimEnd('/');
        using var fixture = JsonDocument.Parse(FixtureFiles.Read("YouTube", $"TVHTML5-{videoId}.json")
            .Replace("{cdn}", cdn, StringComparison.Ordinal)
            .Replace("{expire}", YouTube.StreamUrlsExpireAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        var streaming = fixture.RootElement.GetProperty("streamingData");
        var urls = new Dictionary<string, string>();
        var oracle = RealPlayers.Oracle(RealPlayers.Default);
        foreach (var format in streaming.GetProperty("formats").EnumerateArray().Concat(streaming.GetProperty("adaptiveFormats").EnumerateArray()))
        {
            string url;
            string? signature = null;
            var parameter = "";
            if (format.TryGetProperty("url", out var plain))
            {
                url = plain.GetString()!;
            }
            else
            {
                var cipher = QueryHelpers.ParseQuery(format.GetProperty("signatureCipher").GetString());
                url = cipher["url"].ToString();
                signature = oracle.Signature[cipher["s"].ToString()];
                parameter = cipher["sp"].ToString();
            }
            var n = QueryHelpers.ParseQuery(new Uri(url).Query)["n"].ToString();
            url = url.Replace($"&n={n}&", $"&n={Uri.EscapeDataString(oracle.N[n])}&", StringComparison.Ordinal);
            if (signature is not null)
            {
                url += $"&{parameter}={Uri.EscapeDataString(signature)}";
            }
            urls[format.GetProperty("itag").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture)] = url;
        }
        return urls;
    }
}
