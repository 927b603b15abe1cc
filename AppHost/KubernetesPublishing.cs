using Aspire.Hosting.Pipelines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VideoPlatform.AppHost;

/// <summary>
/// A publishing step of ours, <c>publish-kubernetes</c>, for want of <c>Aspire.Hosting.Kubernetes</c>
/// here: writes a kustomize base from the app model into the pipeline's output path. Run it alone
/// (<c>--operation publish --step publish-kubernetes --output-path …</c>): the whole publish
/// pipeline would also build and push images.
/// </summary>
public static partial class KubernetesPublishing
{
    public const string StepName = "publish-kubernetes";

    public static IDistributedApplicationBuilder AddKubernetesPublishing(this IDistributedApplicationBuilder builder)
    {
#pragma warning disable ASPIREPIPELINES001, ASPIREPIPELINES004 // experimental pipeline API; the step is ours and small
        builder.Pipeline.AddStep(StepName, async context =>
        {
            var directory = context.Services.GetRequiredService<IPipelineOutputService>().GetOutputDirectory();
            var files = await KubernetesManifests.RenderAsync(context.Model.Resources, context.CancellationToken);
            Directory.CreateDirectory(directory);
            foreach (var (name, text) in files)
            {
                await File.WriteAllTextAsync(Path.Combine(directory, name), text, context.CancellationToken);
            }
            LogWritten(context.Logger, files.Count, Path.GetFullPath(directory));
        }, requiredBy: WellKnownPipelineSteps.Publish);
#pragma warning restore ASPIREPIPELINES001, ASPIREPIPELINES004
        return builder;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrote {Count} Kubernetes files to {Directory}")]
    private static partial void LogWritten(ILogger logger, int count, string directory);
}
