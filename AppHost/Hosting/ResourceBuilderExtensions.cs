namespace Aspire.Hosting;

/// <summary>The builder vocabulary of Aspire's AppHost, for the resources this engine knows.</summary>
public static class ResourceBuilderExtensions
{
    /// <summary>
    /// Declares Redis. Locally the engine starts <c>redis-server</c> from PATH on a free port
    /// (or uses <c>ConnectionStrings:&lt;name&gt;</c> when configured); published, a Redis container.
    /// The server requires <paramref name="password"/>, by default a generated secret parameter
    /// named <c>&lt;name&gt;-password</c>, as Aspire declares it.
    /// </summary>
    public static IResourceBuilder<RedisResource> AddRedis(this IDistributedApplicationBuilder builder, string name, int? port = null,
        IResourceBuilder<ParameterResource>? password = null) =>
        builder.AddResource(new RedisResource(name, port,
            password?.Resource ?? ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter($"{name}-password")));

    /// <summary>
    /// Declares a .NET project by its path relative to the AppHost directory. Its local HTTP port
    /// comes from the project's launch profile (<c>applicationUrl</c>) unless configured otherwise.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddProject(this IDistributedApplicationBuilder builder, string name, string projectPath)
    {
        var fullPath = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, projectPath));
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"Project '{name}' points at '{fullPath}', which does not exist.", fullPath);
        }

        var project = new ProjectResource(name, fullPath);
        project.Annotations.Add(new EndpointAnnotation("http", "http", LaunchProfile.HttpPort(fullPath)));
        // Like Aspire, a published project offers https too; locally only http is served.
        project.Annotations.Add(new EndpointAnnotation("https", "https"));
        return builder.AddResource(project);
    }

    /// <summary>Gives the project <c>ConnectionStrings__&lt;name&gt;</c> of <paramref name="source"/>.</summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResourceWithConnectionString> source)
        where T : IResource => builder.WithRelationship(source.Resource, RelationshipTypes.Reference);

    /// <summary>Gives the project <c>services__&lt;name&gt;__http__0</c> (and one per replica) of <paramref name="source"/>.</summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResourceWithServiceDiscovery> source)
        where T : IResource => builder.WithRelationship(source.Resource, RelationshipTypes.Reference);

    /// <summary>Starts this resource only once <paramref name="dependency"/> is running and healthy.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency)
        where T : IResource
    {
        if (ReferenceEquals(builder.Resource, dependency.Resource))
        {
            throw new InvalidOperationException($"'{builder.Resource.Name}' cannot wait for itself.");
        }
        return builder.WithRelationship(dependency.Resource, RelationshipTypes.WaitFor);
    }

    /// <summary>Marks every HTTP endpoint as reachable from outside the deployment.</summary>
    public static IResourceBuilder<T> WithExternalHttpEndpoints<T>(this IResourceBuilder<T> builder) where T : IResourceWithEndpoints
    {
        foreach (var endpoint in builder.Resource.Endpoints.Where(e => e.IsHttp))
        {
            endpoint.IsExternal = true;
        }
        return builder;
    }

    /// <summary>Sets the local port of the <c>http</c> endpoint.</summary>
    public static IResourceBuilder<ProjectResource> WithHttpEndpoint(this IResourceBuilder<ProjectResource> builder, int port)
    {
        builder.Resource.Endpoints.First(e => e.Name == "http").Port = port;
        return builder;
    }

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, string value)
        where T : IResource
    {
        builder.Resource.Annotations.Add(new EnvironmentAnnotation(name, value));
        return builder;
    }

    /// <summary>Runs <paramref name="replicas"/> processes of the project, each on its own port.</summary>
    public static IResourceBuilder<ProjectResource> WithReplicas(this IResourceBuilder<ProjectResource> builder, int replicas)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        builder.Resource.Annotations.Add(new ReplicaAnnotation(replicas));
        return builder;
    }

    /// <summary>The path the engine polls for the project's health (default <c>/health</c>).</summary>
    public static IResourceBuilder<ProjectResource> WithHttpHealthCheck(this IResourceBuilder<ProjectResource> builder, string path = "/health")
    {
        builder.Resource.Annotations.Add(new HttpHealthCheckAnnotation(path));
        return builder;
    }

    private static IResourceBuilder<T> WithRelationship<T>(this IResourceBuilder<T> builder, IResource target, string type)
        where T : IResource
    {
        builder.Resource.Annotations.Add(new ResourceRelationshipAnnotation(target, type));
        return builder;
    }
}
