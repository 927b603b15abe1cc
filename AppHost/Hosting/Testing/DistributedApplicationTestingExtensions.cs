namespace Aspire.Hosting.Testing;

/// <summary>Conveniences tests use on a running composition.</summary>
public static class DistributedApplicationTestingExtensions
{
    /// <summary>An <see cref="HttpClient"/> addressed at a project's endpoint.</summary>
    public static HttpClient CreateHttpClient(this DistributedApplication app, string resourceName, string endpointName = "http") =>
        new() { BaseAddress = app.GetEndpoint(resourceName, endpointName) };
}
