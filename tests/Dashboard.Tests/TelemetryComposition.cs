using Microsoft.Playwright;
using VideoPlatform.TestSupport;
using VideoPlatform.TestSupport.Media;
using VideoPlatform.TestSupport.YouTube;

namespace VideoPlatform.Dashboard.Tests;

/// <summary>
/// The composition with its dashboard, in front of a fake YouTube whose media URLs lead to a fake
/// CDN serving a real MP4 (so streaming proxies real bytes), and one headless Chromium: shared by
/// the telemetry page tests, each of which makes its own requests and looks for its own traces.
/// </summary>
public sealed class TelemetryComposition : IAsyncLifetime
{
    public const string VideoId = "dQw4w9WgXcQ";

    public static readonly string Artifacts = Path.Combine(RepositoryRoot.Find(), "tests", "Dashboard.Tests", "artifacts");

    private FakeCdn _cdn = null!;
    private FakeYouTube _youtube = null!;
    private IPlaywright _playwright = null!;

    public DistributedApplication App { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public Uri Dashboard { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var media = await MediaFiles.ProgressiveMp4Async();
        _cdn = await FakeCdn.StartAsync();
        _cdn.Add("videoplayback", media);
        _youtube = await FakeYouTube.StartAsync(_cdn.Address);

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>(configuration:
        [
            new("AppHost:NoDashboard", "false"),
            new("AppHost:DashboardUrl", $"http://127.0.0.1:{FreePort.Next()}"),
        ]);
        builder.CreateResourceBuilder<ProjectResource>("metadata")
            .WithEnvironment("Platforms__YouTube__BaseUrl", _youtube.BaseUrl.ToString());
        builder.CreateResourceBuilder<ProjectResource>("streaming")
            .WithEnvironment("Streaming__AllowedMediaHosts__0", "127.0.0.1")
            .WithEnvironment("Streaming__AllowPrivateAddresses", "true");
        App = await builder.BuildAsync();
        await App.StartAsync();
        Dashboard = App.DashboardUrl ?? throw new InvalidOperationException("The dashboard did not start.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        foreach (var name in new[] { "cache", "metadata", "streaming", "legacy" })
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token);
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        Directory.CreateDirectory(Artifacts);
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await App.DisposeAsync();
        await _youtube.DisposeAsync();
        await _cdn.DisposeAsync();
    }

    public async Task<IPage> OpenAsync(string path)
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        // Telemetry arrives within seconds of a request (one-second export intervals), but the machine may be busy.
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync(new Uri(Dashboard, path).ToString());
        return page;
    }

    public Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, name), FullPage = true });
}
