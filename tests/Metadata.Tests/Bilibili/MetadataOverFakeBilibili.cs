using VideoPlatform.TestSupport.Bilibili;

namespace VideoPlatform.Metadata.Tests.Bilibili;

/// <summary>
/// Base of the tests that run the metadata service over real HTTP against a fresh fake BiliBili
/// (its API and b23.tv), one per test so that its call log belongs to that test alone.
/// </summary>
public abstract class MetadataOverFakeBilibili : MetadataOverFake<FakeBilibili>
{
    protected FakeBilibili Bilibili => Fake;

    protected override Task<FakeBilibili> StartFakeAsync() => FakeBilibili.StartAsync();

    protected override IEnumerable<KeyValuePair<string, string>> PointedAt(FakeBilibili fake) =>
    [
        new("Platforms:Bilibili:ApiBaseUrl", fake.ApiBaseUrl.ToString()),
        new("Platforms:Bilibili:ShortLinkBaseUrl", fake.ShortLinkBaseUrl.ToString()),
    ];

    /// <summary>The requests the fake received whose path starts with <paramref name="path"/>.</summary>
    protected List<string> Requested(string path) =>
        Bilibili.Requests.Where(r => r.Split(' ')[1].StartsWith(path, StringComparison.Ordinal)).ToList();
}
