using Microsoft.AspNetCore.Mvc.Testing;

namespace VideoPlatform.Metadata.Tests;

/// <summary>
/// Base of the tests that run the metadata service over real HTTP against a fresh fake platform,
/// one per test so that its call log belongs to that test alone.
/// </summary>
public abstract class MetadataOverFake<TFake> : IAsyncLifetime where TFake : IAsyncDisposable
{
    private WebApplicationFactory<Program> _factory = null!;

    protected TFake Fake { get; private set; } = default!;

    protected HttpClient Client { get; private set; } = null!;

    /// <summary>Further settings of the service under test.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    protected abstract Task<TFake> StartFakeAsync();

    /// <summary>The settings that point the service at <paramref name="fake"/>.</summary>
    protected abstract IEnumerable<KeyValuePair<string, string>> PointedAt(TFake fake);

    public async Task InitializeAsync()
    {
        Fake = await StartFakeAsync();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in PointedAt(Fake).Concat(Settings))
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
        await Fake.DisposeAsync();
    }
}
