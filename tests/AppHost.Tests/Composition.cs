using Aspire.Hosting.Testing;
using VideoPlatform.TestSupport.YouTube;

namespace VideoPlatform.AppHost.Tests;

/// <summary>Starting the AppHost's composition for a test, the way every test here does it.</summary>
internal static class Composition
{
    /// <summary>
    /// The AppHost's builder under Aspire.Hosting.Testing (no dashboard, free ports), with the
    /// services' OTLP export taken away: with no dashboard to receive it, each service's last
    /// export would hold its shutdown for the exporter's timeout.
    /// </summary>
    public static async Task<IDistributedApplicationTestingBuilder> CreateBuilderAsync(params string[] args)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(args);
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            project.Annotations.Add(new EnvironmentCallbackAnnotation(context =>
            {
                context.EnvironmentVariables.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
                return Task.CompletedTask;
            }));
        }
        return builder;
    }

    /// <summary>
    /// Points metadata at a fake YouTube and its PO token provider, and lets streaming take media
    /// from the fake CDN on loopback.
    /// </summary>
    public static void UseFakeYouTube(IDistributedApplicationTestingBuilder builder, FakeYouTube youtube, FakePoTokenProvider poTokens)
    {
        builder.CreateResourceBuilder<ProjectResource>("metadata")
            .WithEnvironment("Platforms__YouTube__BaseUrl", youtube.BaseUrl.ToString())
            .WithEnvironment("Platforms__YouTube__PoToken__ProviderUrl", poTokens.BaseUrl.ToString());
        builder.CreateResourceBuilder<ProjectResource>("streaming")
            .WithEnvironment("Streaming__AllowedMediaHosts__0", "127.0.0.1")
            .WithEnvironment("Streaming__AllowPrivateAddresses", "true");
    }

    /// <summary>Builds and starts, then waits until each of <paramref name="resources"/> is healthy.</summary>
    public static async Task<DistributedApplication> StartAsync(IDistributedApplicationTestingBuilder builder, params string[] resources)
    {
        var app = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(CompositionFixture.StartTimeout);
        try
        {
            await app.StartAsync(timeout.Token);
            foreach (var name in resources)
            {
                await app.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token);
            }
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }
}
