using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VideoPlatform.TestSupport;
using VideoPlatform.TestSupport.YouTube;

namespace VideoPlatform.Metadata.Tests.YouTube;

/// <summary>
/// Base of the tests that run the metadata service over real HTTP against a fresh fake YouTube,
/// one per test so that its call log belongs to that test alone.
/// </summary>
public abstract class MetadataOverFakeYouTube : MetadataOverFake<FakeYouTube>
{
    protected FakeYouTube YouTube => Fake;

    /// <summary>The CDN the fake's media URLs name; null makes the fake its own CDN.</summary>
    protected virtual Uri? Cdn => null;

    protected override Task<FakeYouTube> StartFakeAsync() => FakeYouTube.StartAsync(Cdn);

    protected override IEnumerable<KeyValuePair<string, string>> PointedAt(FakeYouTube fake) =>
        [new("Platforms:YouTube:BaseUrl", fake.BaseUrl.ToString())];

    /// <summary>GETs <paramref name="path"/> and asserts a problem-details answer with this status and code; returns it.</summary>
    protected async Task<JsonElement> AssertProblemAsync(string path, HttpStatusCode status, string code)
    {
        using var response = await Client.GetAsync(path);

        var problem = await ProblemAssert.HasCodeAsync(response, code, status);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        return problem;
    }
}
