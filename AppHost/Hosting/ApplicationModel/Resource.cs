namespace Aspire.Hosting.ApplicationModel;

/// <summary>A named part of the composition: a container, a project, a parameter.</summary>
public interface IResource
{
    string Name { get; }

    /// <summary>What the builder methods attached: references, waits, environment, endpoints.</summary>
    IList<IResourceAnnotation> Annotations { get; }
}

/// <summary>Marker for the metadata builder methods attach to a resource.</summary>
public interface IResourceAnnotation;

/// <summary>A resource that offers a connection string (<c>ConnectionStrings__&lt;name&gt;</c>).</summary>
public interface IResourceWithConnectionString : IResource
{
    /// <summary>The manifest expression of the connection string, e.g. <c>{cache.bindings.tcp.host}:{cache.bindings.tcp.port}</c>.</summary>
    string ConnectionStringExpression { get; }
}

/// <summary>A resource with network endpoints others can reference.</summary>
public interface IResourceWithEndpoints : IResource
{
    IReadOnlyList<EndpointAnnotation> Endpoints { get; }
}

/// <summary>Base of the resources this engine knows.</summary>
public abstract class Resource(string name) : IResource
{
    public string Name { get; } = ResourceNames.Validate(name);

    public IList<IResourceAnnotation> Annotations { get; } = [];

    public IReadOnlyList<EndpointAnnotation> Endpoints => Annotations.OfType<EndpointAnnotation>().ToList();

    public override string ToString() => Name;
}

/// <summary>A resource others find by service discovery (<c>services__&lt;name&gt;__http__0</c>).</summary>
public interface IResourceWithServiceDiscovery : IResourceWithEndpoints;
