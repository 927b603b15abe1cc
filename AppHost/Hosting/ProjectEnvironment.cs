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

    /// <summary>The value of a parameter: the value itself when running, <c>{name.value}</c> when publishing.</summary>
    string ParameterValue(ParameterResource parameter);
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

                case EnvironmentParameterAnnotation environment:
                    yield return new(environment.Name, resolver.ParameterValue(environment.Parameter));
                    break;
            }
        }
    }

    /// <summary>
    /// Every parameter the resources use, declared or not (a Redis' generated password is only
    /// referenced), each once, in the order of first use after the declared ones, as Aspire lists them.
    /// </summary>
    public static IReadOnlyList<ParameterResource> Parameters(IEnumerable<IResource> resources)
    {
        var list = resources.ToList();
        var found = list.OfType<ParameterResource>().ToList();
        foreach (var resource in list)
        {
            var used = resource.Annotations.OfType<EnvironmentParameterAnnotation>().Select(a => a.Parameter);
            if (resource is RedisResource { PasswordParameter: { } password })
            {
                used = used.Prepend(password);
            }
            foreach (var parameter in used)
            {
                if (!found.Contains(parameter))
                {
                    found.Add(parameter);
                }
            }
        }
        return found;
    }
}
