using Microsoft.Playwright;
using VideoPlatform.TestSupport;

namespace VideoPlatform.Dashboard.Tests;

/// <summary>
/// The AppHost's dashboard in a real headless Chromium (Debian's, driven by Playwright; no
/// browser is downloaded). Screenshots go to tests/Dashboard.Tests/artifacts.
/// </summary>
public sealed class DashboardTests : IAsyncLifetime
{
    private static readonly string Artifacts = TelemetryComposition.Artifacts;
    private DistributedApplication _app = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private Uri _dashboard = null!;

    public async Task InitializeAsync()
    {
        var port = FreePort.Next();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>(configuration:
        [
            new("AppHost:NoDashboard", "false"),
            new("AppHost:DashboardUrl", $"http://127.0.0.1:{port}"),
        ]);
        _app = await builder.BuildAsync();
        await _app.StartAsync();
        _dashboard = _app.DashboardUrl ?? throw new InvalidOperationException("The dashboard did not start.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        foreach (var name in new[] { "cache", "metadata", "streaming", "legacy" })
        {
            await _app.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token);
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        Directory.CreateDirectory(Artifacts);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task The_resources_page_shows_four_healthy_resources_and_restarts_one_from_its_button()
    {
        var page = await _browser.NewPageAsync();
        await page.GotoAsync(_dashboard.ToString());

        await page.WaitForFunctionAsync("() => document.querySelectorAll('#resources td.health.Healthy').length === 4");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, "resources.png"), FullPage = true });
        var before = _app.ResourceNotifications.Snapshots.Single(s => s.Name == "streaming");

        await page.ClickAsync("tr[data-name='streaming'] button[data-command='restart']");

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var after = await _app.ResourceNotifications.WaitForResourceAsync("streaming",
            s => s.State == KnownResourceStates.Running && s.Health == HealthStatus.Healthy && s.ProcessIds.Count == 1 && s.ProcessIds[0] != before.ProcessIds[0], timeout.Token);
        // The page follows by itself: the row shows the new process id without a reload.
        await page.WaitForFunctionAsync($"() => document.querySelector(\"tr[data-name='streaming'] td.pids\").textContent === '{after.ProcessIds[0]}'");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, "resources-after-restart.png"), FullPage = true });
    }

    [Fact]
    public async Task Lines_a_service_writes_appear_live_in_its_console_view()
    {
        var page = await _browser.NewPageAsync();
        await page.GotoAsync(new Uri(_dashboard, "/logs/streaming").ToString());
        await page.WaitForFunctionAsync("() => document.getElementById('log').textContent.includes('Now listening on')");

        // A restart makes the service write its start-up lines again; the open page must show them without a reload.
        await _app.RestartResourceAsync("streaming");

        await page.WaitForFunctionAsync("() => document.getElementById('log').textContent.split('Now listening on').length - 1 >= 2");
        await page.FillAsync("#search", "listening");
        Assert.Equal(2, await page.EvalOnSelectorAllAsync<int>("#log > div:not([hidden])", "lines => lines.length"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, "console.png"), FullPage = true });
    }
}
