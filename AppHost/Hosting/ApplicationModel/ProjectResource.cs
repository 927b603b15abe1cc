namespace Aspire.Hosting.ApplicationModel;

/// <summary>A .NET project the engine builds, starts and health-checks.</summary>
public sealed class ProjectResource(string name, string projectPath) : Resource(name), IResourceWithServiceDiscovery
{
    /// <summary>Absolute path of the project file.</summary>
    public string ProjectPath { get; } = projectPath;

    public string ProjectDirectory => Path.GetDirectoryName(ProjectPath)!;

    public string ProjectName => Path.GetFileNameWithoutExtension(ProjectPath);

    public int Replicas => Annotations.OfType<ReplicaAnnotation>().LastOrDefault()?.Replicas ?? 1;

    public string HealthCheckPath => Annotations.OfType<HttpHealthCheckAnnotation>().LastOrDefault()?.Path ?? "/health";
}
