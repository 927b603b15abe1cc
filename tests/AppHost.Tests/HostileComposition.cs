using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using VideoPlatform.TestSupport;

namespace VideoPlatform.AppHost.Tests;

/// <summary>The composition in front of a trap upstream, started once for the class.</summary>
public sealed class HostileComposition : IAsyncLifetime
{
    public static readonly string[] Services = ["metadata", "streaming", "legacy"];
    public static readonly string[] ApiPaths = ["/youtubei/", "/gql", "/vod/", "/x/", "/tweet-result", "/nav", "/player", "/watch", "/iframe_api", "/embed/", "/s/"];
    public LoopbackServer Trap { get; private set; } = null!;

    public DistributedApplication App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Answers every platform API call the way the platform says "no such video".
        Trap = await LoopbackServer.StartAsync(routes =>
        {
            routes.MapPost("/youtubei/{**rest}", () => Results.Text("""{"playabilityStatus":{"status":"ERROR","reason":"This video is unavailable"}}""", "application/json"));
            routes.MapPost("/gql", () => Results.Text("""{"data":{"video":null,"clip":null}}""", "application/json"));
            routes.MapFallback((HttpContext _) => Results.NotFound());
        });
        var trap = Trap.Address.ToString().TrimEnd('/');
        var builder = await Composition.CreateBuilderAsync();
        builder.CreateResourceBuilder<ProjectResource>("metadata")
            .WithEnvironment("Platforms__YouTube__BaseUrl", trap)
            .WithEnvironment("Platforms__Bilibili__ApiBaseUrl", trap)
            .WithEnvironment("Platforms__Bilibili__BaseUrl", trap)
            .WithEnvironment("Platforms__Twitch__GqlUrl", trap + "/gql")
            .WithEnvironment("Platforms__Twitch__UsherUrl", trap)
            .WithEnvironment("Platforms__Twitter__SyndicationUrl", trap);
        App = await Composition.StartAsync(builder, Services);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Trap.DisposeAsync();
    }
}

