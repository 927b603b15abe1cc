namespace VideoPlatform.Legacy.Upstream;

/// <summary>A service legacy depends on could not be reached or did not answer in time.</summary>
internal sealed class DependencyUnavailableException(string service, Exception inner)
    : Exception($"The {service} service is unavailable.", inner)
{
    public string Service { get; } = service;
}
