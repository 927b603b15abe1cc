using Microsoft.AspNetCore.Mvc.Testing;

namespace VideoPlatform.Streaming.Tests;

/// <summary>One streaming instance of a test's own, and a client of it.</summary>
public sealed class StreamingInstance(WebApplicationFactory<Program> factory, HttpClient client) : IAsyncDisposable
{
    public HttpClient Client => client;

    public IServiceProvider Services => factory.Services;

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await factory.DisposeAsync();
    }
}
