using Microsoft.Extensions.DependencyInjection;
using Refit;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Contracts.Streaming;

namespace VideoPlatform.Contracts;

/// <summary>Registers the Refit clients of the platform's services, addressed by service discovery.</summary>
public static class ContractClients
{
    /// <summary>Refit settings that read and write contracts the way the services do.</summary>
    public static RefitSettings Settings { get; } = new()
    {
        ContentSerializer = new SystemTextJsonContentSerializer(ContractJson.Options),
    };

    /// <summary>The metadata service at <c>https+http://metadata</c>.</summary>
    public static IHttpClientBuilder AddMetadataApi(this IServiceCollection services) =>
        services.AddRefitGeneratedClient<IMetadataApi>(Settings)
            .ConfigureHttpClient(client => client.BaseAddress = new Uri("https+http://metadata"));

    /// <summary>The streaming service at <c>https+http://streaming</c>.</summary>
    public static IHttpClientBuilder AddStreamingApi(this IServiceCollection services) =>
        services.AddRefitGeneratedClient<IStreamingApi>(Settings)
            .ConfigureHttpClient(client => client.BaseAddress = new Uri("https+http://streaming"));
}
