namespace VideoPlatform.Legacy.Health;

internal static class DependencyHealthExtensions
{
    public static IServiceCollection AddDependencyHealth(this IServiceCollection services)
    {
        foreach (var service in DependencyHealth.Dependencies)
        {
            // A health probe answers quickly or reports the dependency down: no retries.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is experimental
            services.AddHttpClient(DependencyHealth.ClientName(service), client =>
                {
                    client.BaseAddress = new Uri($"https+http://{service}");
                    client.Timeout = TimeSpan.FromSeconds(3);
                })
                .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        }
        services.AddSingleton<DependencyHealth>();
        return services;
    }
}
