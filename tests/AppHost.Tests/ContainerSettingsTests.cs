using System.Text.Json;
using Aspire.Hosting.Publishing;
using k8s;
using k8s.Models;
using VideoPlatform.TestSupport.Media;

namespace VideoPlatform.AppHost.Tests;

/// <summary>
/// The images the SDK's container support builds (<c>dotnet publish -t:PublishContainer</c>, as azd
/// and aspirate invoke it) are the ones the Kubernetes Deployments run: same name and tag, the port
/// they probe, a non-root user. Read from each project's own MSBuild evaluation, since no base
/// image can be pulled here to build one.
/// </summary>
public sealed class ContainerSettingsTests
{
    [Fact]
    public async Task Each_service_image_is_the_one_its_deployment_runs_on_its_port_as_a_non_root_user()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>();
        var deployments = KubernetesPublisher.Render(builder.Resources).Where(f => f.Key != "kustomization.yaml")
            .SelectMany(f => KubernetesYaml.LoadAllFromString(f.Value)).OfType<V1Deployment>()
            .ToDictionary(d => d.Metadata.Name);
        var projects = builder.Resources.OfType<ProjectResource>().ToList();

        var settings = await Task.WhenAll(projects.Select(p => ContainerSettingsAsync(p.ProjectPath)));

        foreach (var (project, container) in projects.Zip(settings))
        {
            var pod = deployments[project.Name].Spec.Template.Spec;
            Assert.Equal(pod.Containers.Single().Image, $"{container.Repository}:{container.Tag}");
            Assert.Equal([KubernetesPublisher.ContainerPort], container.Ports);
            Assert.Equal(pod.Containers.Single().Ports.Single().ContainerPort, container.Ports.Single());
            // The SDK images' "app" user is UID 1654, which the pod's runAsNonRoot and runAsUser expect.
            Assert.Equal("app", container.User);
            Assert.Equal(1654, pod.SecurityContext.RunAsUser);
        }
    }

    private sealed record ContainerSettings(string Repository, string Tag, string User, IReadOnlyList<int> Ports);

    private static async Task<ContainerSettings> ContainerSettingsAsync(string projectPath)
    {
        var output = await MediaFiles.RunAsync("dotnet",
            ["msbuild", projectPath, "-nologo", "-getProperty:ContainerRepository", "-getProperty:ContainerImageTag",
             "-getProperty:ContainerUser", "-getItem:ContainerPort"], TimeSpan.FromMinutes(2));

        using var json = JsonDocument.Parse(output);
        var properties = json.RootElement.GetProperty("Properties");
        return new ContainerSettings(
            properties.GetProperty("ContainerRepository").GetString()!,
            properties.GetProperty("ContainerImageTag").GetString()!,
            properties.GetProperty("ContainerUser").GetString()!,
            json.RootElement.GetProperty("Items").GetProperty("ContainerPort").EnumerateArray()
                .Select(p => int.Parse(p.GetProperty("Identity").GetString()!)).ToList());
    }
}
