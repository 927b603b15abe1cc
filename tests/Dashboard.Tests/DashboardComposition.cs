using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.Playwright;
using VideoPlatform.TestSupport;
using VideoPlatform.TestSupport.Media;
using VideoPlatform.TestSupport.YouTube;

namespace VideoPlatform.Dashboard.Tests;

/// <summary>
/// The composition with the real Aspire dashboard on (the testing builder turns it off by
/// default), secured as a user's run is (a browser token, an API key for its telemetry API), on
/// free ports; a fake YouTube and CDN behind metadata; and Debian's Chromium driven by Playwright
/// (no browser is downloaded).
/// </summary>
public sealed class DashboardComposition : IAsyncLifetime
{
    /// <summary>Where the screenshots go; docs/images holds the ones the README shows.</summary>
    public static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    private readonly string _browserToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    private readonly string _apiKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    private FakeCdn _cdn = null!;
    private IPlaywright _playwright = null!;

    public DistributedApplication App { get; private set; } = null!;

    public FakeYouTube YouTube { get; private set; } = null!;
    private FakePoTokenProvider _poTokens = null!;

    public Uri Dashboard { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _cdn = await FakeCdn.StartAsync();
        _cdn.Add("videoplayback", await MediaFiles.ProgressiveMp4Async());
        YouTube = await FakeYouTube.StartAsync(_cdn.Address);
        // As for an operator who runs one: the muxed itag 18 is among the formats.
        _poTokens = await FakePoTokenProvider.StartAsync();

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
        [
            $"--ASPNETCORE_URLS=http://localhost:{FreePort.Next()}",
            $"--ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://localhost:{FreePort.Next()}",
            $"--ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://localhost:{FreePort.Next()}",
            $"--ASPIRE_DASHBOARD_FRONTEND_BROWSERTOKEN={_browserToken}",
            $"--AppHost:DashboardApiKey={_apiKey}",
        ], (options, _) =>
        {
            options.DisableDashboard = false;
            options.AllowUnsecuredTransport = true;
        });
        builder.CreateResourceBuilder<ProjectResource>("metadata")
            .WithEnvironment("Platforms__YouTube__BaseUrl", YouTube.BaseUrl.ToString())
            .WithEnvironment("Platforms__YouTube__PoToken__ProviderUrl", _poTokens.BaseUrl.ToString());
        builder.CreateResourceBuilder<ProjectResource>("streaming")
            .WithEnvironment("Streaming__AllowedMediaHosts__0", "127.0.0.1")
            .WithEnvironment("Streaming__AllowPrivateAddresses", "true");
        App = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await App.StartAsync(timeout.Token);
        foreach (var name in new[] { "cache", "metadata", "streaming", "legacy" })
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token);
        }

        // The testing builder moves every port, the dashboard's too: ask where it went.
        Dashboard = App.GetEndpoint("aspire-dashboard", "http");

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(Screenshots);
    }

    /// <summary>A page logged in as a user is, through the one-click login URL the AppHost prints.</summary>
    public async Task<IPage> LoggedInPageAsync()
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 800 } });
        await page.GotoAsync(new Uri(Dashboard, $"/login?t={_browserToken}").ToString());
        return page;
    }

    /// <summary>A client of the dashboard's telemetry HTTP API.</summary>
    public HttpClient TelemetryApi()
    {
        var client = new HttpClient { BaseAddress = Dashboard };
        client.DefaultRequestHeaders.Add("x-api-key", _apiKey);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await App.DisposeAsync();
        await YouTube.DisposeAsync();
        await _poTokens.DisposeAsync();
        await _cdn.DisposeAsync();
    }
}
