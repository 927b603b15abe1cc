using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Metadata.Cookies;

namespace VideoPlatform.Metadata.Tests.Social;

/// <summary>A Netscape cookies.txt, as browser extensions export it, rewritten between requests.</summary>
public sealed class InstagramCookiesFileTests : MetadataOverFakeInstagram, IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"instagram-cookies-{Guid.NewGuid():N}.txt");

    public InstagramCookiesFileTests() => Write("good");

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Platforms:Instagram:CookiesFile"] = _file,
    };

    private void Write(string session) => File.WriteAllText(_file,
        "# Netscape HTTP Cookie File\n" +
        "# This is a generated file! Do not edit.\n\n" +
        $"#HttpOnly_.instagram.com\tTRUE\t/\tTRUE\t4102444800\tsessionid\t{session}\n" +
        ".instagram.com\tTRUE\t/\tTRUE\t4102444800\tcsrftoken\ttok3n\n" +
        ".instagram.com\tTRUE\t/\tTRUE\t1000000000\tig_old\texpired-long-ago\n" +
        ".facebook.com\tTRUE\t/\tTRUE\t4102444800\tc_user\tnot-for-instagram\n" +
        "www.instagram.com\tFALSE\t/\tFALSE\t0\tig_nrcb\t1\r\n");

    public void Dispose() => File.Delete(_file);

    [Fact]
    public async Task The_platforms_unexpired_cookies_of_the_file_are_used_and_a_rewritten_file_takes_effect()
    {
        var status = await Client.GetFromJsonAsync<PlatformCookieStatus>("/api/v2/auth/platforms/instagram", ContractJson.Options);
        using var first = await Client.GetAsync("/api/v2/videos/instagram/C0dEfGhIjKl");
        Write("expired");
        using var second = await Client.GetAsync("/api/v2/videos/instagram/C1PhotoOnly");
        var problem = await second.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(("file", true), (status!.Source, status.HasSession));
        Assert.Equal(["sessionid", "csrftoken", "ig_nrcb"], status.CookieNames);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("Sunset over the harbour 🌅", (await first.Content.ReadFromJsonAsync<VideoInfo>(ContractJson.Options))!.Title);
        // Instagram redirects a session it no longer accepts to its login page.
        Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
        Assert.Equal(ErrorCodes.LoginRequired, problem.GetProperty("code").GetString());
        Assert.Contains("did not give a logged-in session", problem.GetProperty("detail").GetString());
    }
}
