using Microsoft.AspNetCore.Mvc.Testing;
using VideoPlatform.TestSupport;

namespace VideoPlatform.Streaming.Tests;

/// <summary>One streaming instance of a test's own, and a client of it.</summary>
public sealed class StreamingInstance(WebApplicationFactory<Program> factory, HttpClient client) : IAsyncDisposable
{
    /// <summary>Starts <paramref name="factory"/> on real Kestrel on a free loopback port.</summary>
    public static StreamingInstance Start(WebApplicationFactory<Program> factory)
    {
        var address = factory.StartOnLoopback();
        return new StreamingInstance(factory, new HttpClient { BaseAddress = address });
    }

    public HttpClient Client => client;

    public IServiceProvider Services => factory.Services;

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await factory.DisposeAsync();
    }
}
