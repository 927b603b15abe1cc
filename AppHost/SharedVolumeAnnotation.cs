namespace VideoPlatform.AppHost;

/// <summary>
/// A volume every replica of a project mounts at once (ReadWriteMany), published as a
/// PersistentVolumeClaim mounted at <paramref name="MountPath"/> in each pod, with the project's
/// <paramref name="ConfigurationKey"/> (an environment variable name) pointing at it. Locally the
/// project keeps its own configuration: one process needs no shared volume.
/// </summary>
public sealed record SharedVolumeAnnotation(string Name, string MountPath, string Size, string ConfigurationKey) : IResourceAnnotation;
