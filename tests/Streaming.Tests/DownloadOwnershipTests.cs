using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Streaming;

namespace VideoPlatform.Streaming.Tests;

/// <summary>With API keys on, a key sees, lists and deletes its own jobs and nobody else's.</summary>
[Collection(StreamingCollection.Name)]
public sealed class DownloadOwnershipTests(StreamingFixture streaming) : IAsyncLifetime
{
    private WebApplicationFactory<Program> _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseSetting("services:metadata:http:0", streaming.Metadata.Address.ToString())
            .UseSetting("Security:Enabled", "true")
            .UseSetting("Security:ApiKeys:0:Name", "alice")
            .UseSetting("Security:ApiKeys:0:Key", "alice-secret-key")
            .UseSetting("Security:ApiKeys:1:Name", "bob")
            .UseSetting("Security:ApiKeys:1:Key", "bob-secret-key")
            // The jobs need not run for who may see them to show; an empty directory keeps them apart from other tests.
            .UseSetting("Downloads:Directory", Path.Combine(streaming.Downloads, "ownership")));
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _factory.DisposeAsync().AsTask();

    private HttpClient ClientOf(string key)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-API-Key", key);
        return client;
    }

    [Fact]
    public async Task A_key_lists_and_follows_its_own_jobs_only()
    {
        using var alice = ClientOf("alice-secret-key");
        using var bob = ClientOf("bob-secret-key");
        using var started = await alice.PostAsJsonAsync("/api/v2/downloads",
            new DownloadRequest("https://youtu.be/vid00000001", "360p", null, null, null), ContractJson.Options);
        var job = (await started.Content.ReadFromJsonAsync<DownloadJob>(ContractJson.Options))!;

        var alicesList = await alice.GetFromJsonAsync<List<DownloadJob>>("/api/v2/downloads", ContractJson.Options);
        var bobsList = await bob.GetFromJsonAsync<List<DownloadJob>>("/api/v2/downloads", ContractJson.Options);
        using var alicesView = await alice.GetAsync($"/api/v2/downloads/{job.Id}");
        using var bobsView = await bob.GetAsync($"/api/v2/downloads/{job.Id}");
        using var bobsDelete = await bob.DeleteAsync($"/api/v2/downloads/{job.Id}");
        using var withToken = await bob.GetAsync($"/api/v2/downloads/{job.Id}?token={job.Token}");

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal("alice", job.Owner);
        Assert.Contains(alicesList!, j => j.Id == job.Id);
        Assert.DoesNotContain(bobsList!, j => j.Id == job.Id);
        Assert.All(alicesList!, j => Assert.Null(j.Token));
        Assert.Equal(HttpStatusCode.OK, alicesView.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, bobsView.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, bobsDelete.StatusCode);
        // The token is a capability of its own: whoever holds it follows the job.
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
    }
}
