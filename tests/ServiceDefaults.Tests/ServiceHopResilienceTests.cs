using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VideoPlatform.TestSupport;

namespace VideoPlatform.ServiceDefaults.Tests;

/// <summary>
/// The pipeline every client gets from the service defaults, for calls between our services:
/// transient failures are retried, an answer that says when to come back is passed on at once.
/// </summary>
public sealed class ServiceHopResilienceTests : IAsyncLifetime
{
    private LoopbackServer _downstream = null!;
    private IHost _caller = null!;

    public async Task InitializeAsync()
    {
        _downstream = await LoopbackServer.StartAsync(routes =>
        {
            // What metadata answers when YouTube is down, having retried it already.
            routes.MapGet("/said-when", (HttpContext context) =>
            {
                context.Response.Headers.RetryAfter = "5";
                return Results.Problem(statusCode: 503, title: "upstream unavailable");
            });
            // What a proxy or a service starting up answers.
            routes.MapGet("/unavailable", () => Results.StatusCode(503));
        });
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection([new("Security:Enabled", "false")]);
        builder.AddServiceDefaults();
        _caller = builder.Build();
        await _caller.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _caller.StopAsync();
        _caller.Dispose();
        await _downstream.DisposeAsync();
    }

    private HttpClient Client() => _caller.Services.GetRequiredService<IHttpClientFactory>().CreateClient("downstream");

    [Fact]
    public async Task An_answer_with_retry_after_reaches_the_caller_after_one_call()
    {
        using var response = await Client().GetAsync(new Uri(_downstream.Address, "/said-when"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Single(_downstream.Requests, r => r == "GET /said-when");
    }

    [Fact]
    public async Task A_bare_503_is_retried_as_a_transient_failure()
    {
        using var response = await Client().GetAsync(new Uri(_downstream.Address, "/unavailable"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        // The standard pipeline's three retries.
        Assert.Equal(4, _downstream.Requests.Count(r => r == "GET /unavailable"));
    }
}
