using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Metadata.Tests.Social;

public sealed class InstagramWithoutSessionTests : MetadataOverFakeInstagram
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    [Fact]
    public async Task Without_cookies_instagram_is_login_required_naming_how_to_supply_them_without_a_request()
    {
        using var response = await Client.GetAsync("/api/v2/videos/instagram/C0dEfGhIjKl");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(ErrorCodes.LoginRequired, problem.GetProperty("code").GetString());
        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains("Platforms:Instagram:Cookies", detail);
        Assert.Contains("Platforms:Instagram:CookiesFile", detail);
        Assert.Contains("/api/v2/auth/platforms/instagram", detail);
        Assert.Empty(Instagram.Requests);
        var platforms = await Client.GetFromJsonAsync<PlatformList>("/api/v2/platforms", ContractJson.Options);
        Assert.Equal("login_required", platforms!.Platforms.Single(p => p.Name == "instagram").Status);
    }

    [Fact]
    public async Task An_unknown_platform_has_no_cookie_status()
    {
        using var response = await Client.GetAsync("/api/v2/auth/platforms/myspace");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ErrorCodes.UnsupportedPlatform, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }
}
