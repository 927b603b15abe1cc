namespace VideoPlatform.AppHost;

/// <summary>What every service of this composition gets, in the AppHost's run mode.</summary>
public static class ProjectDefaults
{
    /// <summary>
    /// The services serve HTTP only, so no development certificate is offered (nor warned about);
    /// and their last telemetry export waits one second, not ten, for a dashboard that may
    /// already have stopped, so that stopping the AppHost takes seconds.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithServiceDefaults(this IResourceBuilder<ProjectResource> project)
    {
        if (!project.ApplicationBuilder.ExecutionContext.IsRunMode)
        {
            return project;
        }
#pragma warning disable ASPIRECERTIFICATES001 // experimental; the services never listen on HTTPS
        return project.WithoutHttpsCertificate()
#pragma warning restore ASPIRECERTIFICATES001
            .WithEnvironment("OTEL_EXPORTER_OTLP_TIMEOUT", "1000");
    }
}
