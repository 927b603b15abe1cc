using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Resilience for the clients that call a platform's API (YouTube, BiliBili, …). The standard
/// handler every client gets from the service defaults is one pipeline for all of them — one
/// circuit breaker, one set of options — so a failing YouTube would pause calls to BiliBili too.
/// An upstream client gets a standard pipeline of its own instead, with the same defaults, which an
/// operator can tune from configuration without a release:
/// <c>Resilience:&lt;client&gt;:AttemptTimeout:Timeout</c>, <c>…:Retry:MaxRetryAttempts</c>,
/// <c>…:CircuitBreaker:MinimumThroughput</c> and the rest of <see cref="HttpStandardResilienceOptions"/>.
/// </summary>
public static class ResilienceConfiguration
{
    public const string SectionName = "Resilience";

    /// <summary>Retries start at 250 ms rather than 2 s: callers would rather hear 503 soon.</summary>
    internal static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The default pipeline's rule for calls between our services: transient failures are retried
    /// and counted by the circuit breaker, except an answer that carries <c>Retry-After</c>. A
    /// service says that when it has done its own retrying upstream (metadata's
    /// <c>upstream_unavailable</c>, a rate limit): retrying it at every hop multiplied the waits —
    /// honouring its 5 s at each of legacy → streaming → metadata held a player 20–30 s for a 503 —
    /// and it says nothing about the health of the service that gave it.
    /// </summary>
    internal static void ConfigureServiceHop(HttpStandardResilienceOptions options)
    {
        options.Retry.Delay = RetryDelay;
        options.Retry.ShouldRetryAfterHeader = false;
        options.Retry.ShouldHandle = args => ValueTask.FromResult(IsTransientHop(args.Outcome));
        options.CircuitBreaker.ShouldHandle = args => ValueTask.FromResult(IsTransientHop(args.Outcome));
    }

    private static bool IsTransientHop(Polly.Outcome<HttpResponseMessage> outcome) =>
        HttpClientResiliencePredicates.IsTransient(outcome) && outcome.Result?.Headers.RetryAfter is null;

    /// <summary>Gives this client a standard resilience pipeline of its own, configured from <c>Resilience:&lt;client name&gt;</c>.</summary>
    public static IHttpClientBuilder AddUpstreamResilience(this IHttpClientBuilder builder)
    {
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is experimental
        builder.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        var section = $"{SectionName}:{builder.Name}";
        builder.AddStandardResilienceHandler().Configure((HttpStandardResilienceOptions options, IServiceProvider services) =>
        {
            options.Retry.Delay = RetryDelay;
            services.GetRequiredService<IConfiguration>().GetSection(section).Bind(options);
        });
        return builder;
    }
}
