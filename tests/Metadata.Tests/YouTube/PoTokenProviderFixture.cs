using VideoPlatform.TestSupport.YouTube;

namespace VideoPlatform.Metadata.Tests.YouTube;

/// <summary>One fake PO token provider for a test class; each test starts from a provider that works and has seen nothing.</summary>
public sealed class PoTokenProviderFixture : IAsyncLifetime
{
    public FakePoTokenProvider Provider { get; private set; } = null!;

    public async Task InitializeAsync() => Provider = await FakePoTokenProvider.StartAsync();

    public async Task DisposeAsync() => await Provider.DisposeAsync();

    public FakePoTokenProvider Reset()
    {
        Provider.Bindings.Clear();
        Provider.Fail = false;
        return Provider;
    }
}
