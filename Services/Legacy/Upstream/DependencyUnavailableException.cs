namespace VideoPlatform.Legacy.Upstream;

/// <summary>
/// A service legacy depends on could not be reached or did not answer in time. An
/// <see cref="HttpRequestException"/>, so that the resilience pipeline retries it — against the
/// next replica, since service discovery resolves each attempt afresh.
/// </summary>
internal sealed class DependencyUnavailableException(string service, Exception inner)
    : HttpRequestException(HttpRequestError.ConnectionError, $"The {service} service is unavailable.", inner)
{
    public string Service { get; } = service;
}
