using Aspire.Hosting.Publishing;
using k8s;
using k8s.Models;

namespace VideoPlatform.AppHost.Tests;

public sealed class KubernetesTests
{
    private static async Task<IReadOnlyDictionary<string, string>> RenderAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>();
        return KubernetesPublisher.Render(builder.Resources);
    }

    [Fact]
    public async Task Committed_manifests_are_what_the_publisher_writes()
    {
        var rendered = await RenderAsync();
        var directory = Path.Combine(RepositoryPaths.Root, "deploy", "k8s");

        Assert.Equal(rendered.Keys.Order(), Directory.EnumerateFiles(directory).Select(Path.GetFileName).Order()!);
        foreach (var (name, text) in rendered)
        {
            Assert.True(text == await File.ReadAllTextAsync(Path.Combine(directory, name)),
                $"deploy/k8s/{name} is out of date; regenerate: dotnet run --project AppHost -- --publisher kubernetes --output-path ../deploy/k8s");
        }
    }

    [Fact]
    public async Task Every_object_parses_and_selectors_ports_and_references_line_up()
    {
        var rendered = await RenderAsync();
        var objects = rendered.Where(f => f.Key != "kustomization.yaml")
            .SelectMany(f => KubernetesYaml.LoadAllFromString(f.Value)).ToList();

        var kustomization = rendered["kustomization.yaml"];
        Assert.All(rendered.Keys.Where(k => k != "kustomization.yaml"), file => Assert.Contains($"- {file}", kustomization));

        var workloads = objects.OfType<V1Deployment>().Select(d => (d.Metadata.Name, d.Spec.Selector.MatchLabels, d.Spec.Template))
            .Concat(objects.OfType<V1StatefulSet>().Select(s => (s.Metadata.Name, s.Spec.Selector.MatchLabels, s.Spec.Template)))
            .ToList();
        Assert.Equal(["cache", "legacy", "metadata", "streaming"], workloads.Select(w => w.Name).Order());
        Assert.All(workloads, w => Assert.All(w.MatchLabels, l => Assert.Equal(l.Value, w.Template.Metadata.Labels[l.Key])));

        var services = objects.OfType<V1Service>().ToList();
        foreach (var service in services)
        {
            var target = workloads.Single(w => w.Name == service.Metadata.Name);
            Assert.All(service.Spec.Selector, l => Assert.Equal(l.Value, target.Template.Metadata.Labels[l.Key]));
            var containerPorts = target.Template.Spec.Containers.SelectMany(c => c.Ports).Select(p => p.ContainerPort);
            Assert.All(service.Spec.Ports, p => Assert.Contains(int.Parse(p.TargetPort.Value), containerPorts));
        }

        var configMaps = objects.OfType<V1ConfigMap>().ToDictionary(c => c.Metadata.Name);
        foreach (var deployment in objects.OfType<V1Deployment>())
        {
            var container = Assert.Single(deployment.Spec.Template.Spec.Containers);
            Assert.Equal("/health", container.ReadinessProbe.HttpGet.Path);
            Assert.Equal("/alive", container.LivenessProbe.HttpGet.Path);
            Assert.True(deployment.Spec.Template.Spec.SecurityContext.RunAsNonRoot);
            Assert.Equal("true", deployment.Spec.Template.Metadata.Annotations["prometheus.io/scrape"]);
            var environment = configMaps[container.EnvFrom.Single().ConfigMapRef.Name].Data;
            // Every service a deployment is told about is a Service with that port.
            foreach (var url in environment.Where(e => e.Key.StartsWith("services__", StringComparison.Ordinal)).Select(e => new Uri(e.Value)))
            {
                Assert.Contains(services, s => s.Metadata.Name == url.Host && s.Spec.Ports.Any(p => p.Port == url.Port));
            }
        }
        Assert.False(configMaps["metadata-env"].Data.ContainsKey("ConnectionStrings__cache"), "the connection string carries the password: not in a ConfigMap");

        var ingress = Assert.Single(objects.OfType<V1Ingress>());
        Assert.Equal(["legacy", "metadata", "streaming"], ingress.Spec.Rules.Select(r => r.Http.Paths.Single().Backend.Service.Name).Order());
    }

    [Fact]
    public async Task Replicas_come_from_with_replicas()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>();
        builder.CreateResourceBuilder<ProjectResource>("metadata").WithReplicas(3);

        var metadata = KubernetesYaml.LoadAllFromString(KubernetesPublisher.Render(builder.Resources)["metadata.yaml"]).OfType<V1Deployment>().Single();

        Assert.Equal(3, metadata.Spec.Replicas);
    }
}
