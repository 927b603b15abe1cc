using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Metadata.Tests;

public sealed class PlatformsApiTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    [Fact]
    public async Task Platforms_lists_every_platform_of_the_seed_with_its_url_forms()
    {
        using var client = factory.CreateClient();

        var platforms = await client.GetFromJsonAsync<PlatformList>("/api/v2/platforms", ContractJson.Options);

        Assert.NotNull(platforms);
        Assert.Equal(
            new[] { "bilibili", "instagram", "twitch", "twitter", "youtube" },
            platforms.Platforms.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.All(platforms.Platforms, p => Assert.NotEmpty(p.UrlPatterns));
    }

    [Fact]
    public async Task Unknown_platform_is_a_problem_with_its_code()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/api/v2/videos/myspace/abc");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        Assert.Equal(ErrorCodes.UnsupportedPlatform, problem!["code"].ToString());
    }

    [Fact]
    public async Task Health_is_degraded_without_redis_and_alive_is_healthy()
    {
        using var client = factory.CreateClient();

        var health = await client.GetFromJsonAsync<Dictionary<string, object>>("/health");
        var alive = await client.GetFromJsonAsync<Dictionary<string, object>>("/alive");

        Assert.Equal("Degraded", health!["status"].ToString());
        Assert.Equal("Healthy", alive!["status"].ToString());
    }
}
