using System.Diagnostics;
using k8s;
using k8s.Models;

namespace VideoPlatform.AppHost.Tests;

/// <summary>
/// The kustomize base in <c>deploy/k8s</c> is what the AppHost's <c>publish-kubernetes</c> step
/// writes from the app model today, and kubectl builds it.
/// </summary>
public sealed class KubernetesTests
{
    private static readonly string Committed = Path.Combine(RepositoryPaths.Root, "deploy", "k8s");

    [Fact]
    public async Task The_committed_base_is_what_the_publishing_step_writes()
    {
        var written = Directory.CreateTempSubdirectory("k8s-").FullName;
        try
        {
            await AppHostCommand.RunAsync("--operation", "publish", "--step", "publish-kubernetes", "--output-path", written);

            var names = Directory.GetFiles(written).Select(Path.GetFileName).Order().ToList();
            Assert.Equal(Directory.GetFiles(Committed).Select(Path.GetFileName).Order(), names);
            foreach (var name in names)
            {
                Assert.True(await File.ReadAllTextAsync(Path.Combine(Committed, name!)) == await File.ReadAllTextAsync(Path.Combine(written, name!)),
                    $"deploy/k8s/{name} is out of date: dotnet run --project AppHost -- --operation publish --step publish-kubernetes --output-path ../deploy/k8s");
            }
        }
        finally
        {
            Directory.Delete(written, recursive: true);
        }
    }

    [Fact]
    public async Task Kubectl_builds_the_base_and_secrets_reach_pods_only_by_reference()
    {
        var start = new ProcessStartInfo("kubectl", ["kustomize", Committed]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var kubectl = Process.Start(start)!;
        var yaml = await kubectl.StandardOutput.ReadToEndAsync();
        var error = await kubectl.StandardError.ReadToEndAsync();
        await kubectl.WaitForExitAsync();
        Assert.True(kubectl.ExitCode == 0, error);

        var objects = KubernetesYaml.LoadAllFromString(yaml);
        var secret = Assert.Single(objects.OfType<V1Secret>());
        Assert.Null(secret.Data);
        Assert.Equal("cache-password,internal-api-key,streaming-token-key", secret.Metadata.Annotations["video-platform/keys"]);
        var deployments = objects.OfType<V1Deployment>().ToDictionary(d => d.Metadata.Name);
        Assert.Equal(["legacy", "metadata", "streaming"], deployments.Keys.Order());
        var streaming = deployments["streaming"].Spec.Template.Spec.Containers.Single();
        Assert.Equal("streaming-token-key", streaming.Env.Single(e => e.Name == "Streaming__TokenKey").ValueFrom.SecretKeyRef.Key);
        Assert.Equal("cache:6379,password=$(CACHE_PASSWORD)", streaming.Env.Single(e => e.Name == "ConnectionStrings__cache").Value);
        Assert.All(deployments.Values, deployment => Assert.Equal("internal-api-key",
            deployment.Spec.Template.Spec.Containers.Single().Env.Single(e => e.Name == "Security__InternalApiKey").ValueFrom.SecretKeyRef.Key));
        var config = objects.OfType<V1ConfigMap>().Single(c => c.Metadata.Name == "legacy-env").Data;
        Assert.Equal("http://streaming:8080", config["services__streaming__http__0"]);
        Assert.DoesNotContain(config.Keys, k => k.Contains("https", StringComparison.OrdinalIgnoreCase));
        Assert.Single(objects.OfType<V1StatefulSet>(), s => s.Metadata.Name == "cache");
    }

    [Fact]
    public async Task Replicas_follow_WithReplicas()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(["--operation", "publish"]);
        builder.CreateResourceBuilder<ProjectResource>("metadata").WithReplicas(3);

        var files = await VideoPlatform.AppHost.KubernetesManifests.RenderAsync(builder.Resources, CancellationToken.None);

        var deployment = KubernetesYaml.LoadAllFromString(files["metadata.yaml"]).OfType<V1Deployment>().Single();
        Assert.Equal(3, deployment.Spec.Replicas);
    }
}
