using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting;

/// <summary>Declares the composition: the resources and how they relate.</summary>
public interface IDistributedApplicationBuilder
{
    ConfigurationManager Configuration { get; }

    DistributedApplicationExecutionContext ExecutionContext { get; }

    /// <summary>The directory of the AppHost project; project paths are relative to it.</summary>
    string AppHostDirectory { get; }

    IList<IResource> Resources { get; }

    IResourceBuilder<T> AddResource<T>(T resource) where T : IResource;

    /// <summary>A builder for a resource already declared, to change it (tests do this).</summary>
    IResourceBuilder<T> CreateResourceBuilder<T>(string name) where T : IResource;

    DistributedApplication Build();
}
