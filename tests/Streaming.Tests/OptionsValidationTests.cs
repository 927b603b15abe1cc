using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace VideoPlatform.Streaming.Tests;

/// <summary>A setting the service cannot work with stops it at start, naming the key to fix.</summary>
public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("Streaming:BatchConcurrency", "0")]
    [InlineData("Streaming:TokenLifetime", "00:00:00")]
    [InlineData("Streaming:TokenKey", "too-short")]
    [InlineData("Streaming:ProxyCountries:0", "China")]
    [InlineData("Streaming:AllowedMediaHosts:0", "https://googlevideo.com/")]
    [InlineData("Streaming:UpstreamChunkBytes", "100")]
    [InlineData("Downloads:MaxConcurrent", "0")]
    public void A_bad_setting_stops_the_service_at_start_with_its_key_named(string key, string value)
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web.UseSetting(key, value));

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains($"{key}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_shipped_settings_start_the_service()
    {
        using var factory = new WebApplicationFactory<Program>();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/api/v2/stream/metrics");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void A_configured_list_replaces_the_shipped_one()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web.UseSetting("Streaming:ProxyCountries:0", "IR"));

        var options = factory.Services.GetRequiredService<IOptions<StreamingOptions>>().Value;

        Assert.Equal(["IR"], options.ProxyCountries);
        Assert.False(options.ProxiesFor("CN"));
        Assert.Equal(["googlevideo.com"], options.ChunkedMediaHosts);
    }
}
