using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VideoPlatform.Legacy.Extensions;
using VideoPlatform.TestSupport;

namespace VideoPlatform.Legacy.Tests;

/// <summary>Legacy's settings are checked once, at start: a bad one stops the service and names its key.</summary>
public sealed class LegacyOptionsTests
{
    [Theory]
    [InlineData("Legacy:DeadVideoMinutes", "-1")]
    [InlineData("Legacy:StreamCacheSeconds", "86400")]
    [InlineData("Legacy:StreamingPublicUrl", "not a url")]
    public async Task A_bad_setting_stops_legacy_at_start_naming_its_key(string key, string value)
    {
        // The composition itself rather than WebApplicationFactory, whose deferred host, when start
        // fails under a loaded machine, can answer "Cannot access a disposed object" instead.
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => ServiceStart.StartAndStopAsync(builder =>
        {
            builder.AddServiceDefaults();
            builder.AddApplicationServices();
        }, "Production", ("services:metadata:http:0", "http://127.0.0.1:1"), ("services:streaming:http:0", "http://127.0.0.1:1"), (key, value)));

        Assert.Contains(key, error.Message);
    }

    [Fact]
    public async Task Good_settings_start_legacy()
    {
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseSetting("services:metadata:http:0", "http://127.0.0.1:1")
            .UseSetting("services:streaming:http:0", "http://127.0.0.1:1")
            .UseSetting("Legacy:DeadVideoMinutes", "0")
            .UseSetting("Legacy:StreamCacheSeconds", "30")
            .UseSetting("Legacy:StreamingPublicUrl", "https://media.example.org"));
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/api/v2/system/version");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}
