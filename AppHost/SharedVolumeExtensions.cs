namespace VideoPlatform.AppHost;

public static class SharedVolumeExtensions
{
    /// <summary>Declares a volume shared by every replica of <paramref name="project"/> (see <see cref="SharedVolumeAnnotation"/>).</summary>
    public static IResourceBuilder<ProjectResource> WithSharedVolume(this IResourceBuilder<ProjectResource> project, string name, string mountPath, string size,
        string configurationKey) =>
        project.WithAnnotation(new SharedVolumeAnnotation(name, mountPath, size, configurationKey));
}
