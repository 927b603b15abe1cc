namespace Aspire.Hosting.ApplicationModel;

/// <summary>A network endpoint of a resource.</summary>
public sealed class EndpointAnnotation(string name, string scheme, int? port = null, int? targetPort = null) : IResourceAnnotation
{
    /// <summary>Endpoint name: <c>http</c>, <c>https</c>, <c>tcp</c>.</summary>
    public string Name { get; } = name;

    public string Scheme { get; } = scheme;

    /// <summary>The port consumers use locally; null lets the engine choose.</summary>
    public int? Port { get; set; } = port;

    /// <summary>The port the workload listens on in a container (manifest <c>targetPort</c>).</summary>
    public int? TargetPort { get; set; } = targetPort;

    /// <summary>Exposed outside the deployment (manifest <c>external: true</c>).</summary>
    public bool IsExternal { get; set; }

    /// <summary>True for endpoints that speak HTTP.</summary>
    public bool IsHttp => Scheme is "http" or "https";
}

/// <summary>Kinds of link between resources, as Aspire names them.</summary>
public static class RelationshipTypes
{
    public const string Reference = "Reference";
    public const string WaitFor = "WaitFor";
}

/// <summary>A link from the annotated resource to <see cref="Target"/>.</summary>
public sealed record ResourceRelationshipAnnotation(IResource Target, string Type) : IResourceAnnotation;

/// <summary>An environment variable set on a project.</summary>
public sealed record EnvironmentAnnotation(string Name, string Value) : IResourceAnnotation;

/// <summary>How many processes of a project run (<c>WithReplicas</c>).</summary>
public sealed record ReplicaAnnotation(int Replicas) : IResourceAnnotation;

/// <summary>The HTTP path the engine polls to learn a project's health.</summary>
public sealed record HttpHealthCheckAnnotation(string Path) : IResourceAnnotation;
