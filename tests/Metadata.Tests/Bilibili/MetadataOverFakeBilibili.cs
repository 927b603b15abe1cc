using Microsoft.AspNetCore.Mvc.Testing;
using VideoPlatform.TestSupport.Bilibili;

namespace VideoPlatform.Metadata.Tests.Bilibili;

/// <summary>
/// Base of the tests that run the metadata service over real HTTP against a fresh fake BiliBili
/// (its API and b23.tv), one per test so that its call log belongs to that test alone.
/// </summary>
public abstract class MetadataOverFakeBilibili : IAsyncLifetime
{
    private WebApplicationFactory<Program> _factory = null!;

    protected FakeBilibili Bilibili { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    /// <summary>Further settings of the service under test.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        Bilibili = await FakeBilibili.StartAsync();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Platforms:Bilibili:ApiBaseUrl", Bilibili.ApiBaseUrl.ToString());
            web.UseSetting("Platforms:Bilibili:ShortLinkBaseUrl", Bilibili.ShortLinkBaseUrl.ToString());
            foreach (var (key, value) in Settings)
            {
                web.UseSetting(key, value);
            }
        });
        Client = _factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        await Bilibili.DisposeAsync();
    }

    /// <summary>The requests the fake received whose path starts with <paramref name="path"/>.</summary>
    protected List<string> Requested(string path) =>
        Bilibili.Requests.Where(r => r.Split(' ')[1].StartsWith(path, StringComparison.Ordinal)).ToList();
}
