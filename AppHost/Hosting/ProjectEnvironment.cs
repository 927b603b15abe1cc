namespace Aspire.Hosting;

/// <summary>
/// Resolves what a reference means in the current mode: a live address when running, an
/// expression such as <c>{metadata.bindings.http.url}</c> when publishing.
/// </summary>
internal interface IReferenceResolver
{
    /// <summary>The connection string of a resource, or null when it has none right now (Redis missing).</summary>
    string? ConnectionString(IResourceWithConnectionString resource);

    /// <summary>URLs of an endpoint, one per replica; empty when that endpoint is not served.</summary>
    IReadOnlyList<string> EndpointUrls(IResourceWithServiceDiscovery resource, string endpointName);
}

/// <summary>
/// The environment a project gets from its references and <c>WithEnvironment</c>, in Aspire's
/// order: references in declaration order, then explicit values. Run- and publish-only variables
/// are added by the callers.
/// </summary>
internal static class ProjectEnvironment
{
    public static IEnumerable<KeyValuePair<string, string>> FromAnnotations(IResource resource, IReferenceResolver resolver)
    {
        foreach (var annotation in resource.Annotations)
        {
            switch (annotation)
            {
                case ResourceRelationshipAnnotation { Type: RelationshipTypes.Reference, Target: IResourceWithConnectionString target }:
                    if (resolver.ConnectionString(target) is { } connectionString)
                    {
                        yield return new($"ConnectionStrings__{target.Name}", connectionString);
                    }
                    break;

                case ResourceRelationshipAnnotation { Type: RelationshipTypes.Reference, Target: IResourceWithServiceDiscovery target }:
                    foreach (var endpoint in target.Endpoints.Where(e => e.IsHttp))
                    {
                        var urls = resolver.EndpointUrls(target, endpoint.Name);
                        for (var i = 0; i < urls.Count; i++)
                        {
                            yield return new($"services__{target.Name}__{endpoint.Name}__{i}", urls[i]);
                        }
                    }
                    break;

                case EnvironmentAnnotation environment:
                    yield return new(environment.Name, environment.Value);
                    break;
            }
        }
    }
}
