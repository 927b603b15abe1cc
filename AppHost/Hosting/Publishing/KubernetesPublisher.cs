using System.Text;
using k8s;
using k8s.Models;

namespace Aspire.Hosting.Publishing;

/// <summary>
/// Writes a kustomize base for the composition from Kubernetes' own object models: per project a
/// Deployment (replicas from <c>WithReplicas</c>, readiness on <c>/health</c>, liveness on
/// <c>/alive</c>, requests and limits, non-root, Prometheus scrape annotations) with its Service and
/// a ConfigMap holding its environment — references resolved to in-cluster names
/// (<c>http://metadata:8080</c>, <c>cache:6379</c>) — Redis as a StatefulSet with a volume claim,
/// and an Ingress for the external endpoints.
/// </summary>
public static class KubernetesPublisher
{
    public const int ContainerPort = 8080;

    /// <summary>Writes every file into <paramref name="directory"/> and returns their names.</summary>
    public static IReadOnlyList<string> Write(IEnumerable<IResource> resources, string directory)
    {
        Directory.CreateDirectory(directory);
        var files = Render(resources);
        foreach (var (name, text) in files)
        {
            File.WriteAllText(Path.Combine(directory, name), text, new UTF8Encoding(false));
        }
        return files.Keys.ToList();
    }

    /// <summary>File name → YAML, in a stable order.</summary>
    public static IReadOnlyDictionary<string, string> Render(IEnumerable<IResource> resources)
    {
        var list = resources.ToList();
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in list)
        {
            switch (resource)
            {
                case RedisResource redis:
                    files[$"{redis.Name}.yaml"] = Yaml(RedisStatefulSet(redis), Service(redis.Name, RedisResource.DefaultPort, "tcp"));
                    break;
                case ProjectResource project:
                    files[$"{project.Name}.yaml"] = Yaml(ConfigMap(project), Deployment(project), Service(project.Name, ContainerPort, "http"));
                    break;
            }
        }

        var external = list.OfType<ProjectResource>().Where(p => p.Endpoints.Any(e => e.IsExternal)).ToList();
        if (external.Count > 0)
        {
            files["ingress.yaml"] = Yaml(Ingress(external));
        }
        files["kustomization.yaml"] = Kustomization(files.Keys.Where(k => k != "kustomization.yaml"));
        return files;
    }

    private static V1ConfigMap ConfigMap(ProjectResource project)
    {
        var environment = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
            ["HTTP_PORTS"] = ContainerPort.ToString(),
            ["OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"] = "in_memory",
            ["OTEL_SERVICE_NAME"] = project.Name,
        };
        foreach (var (name, value) in ProjectEnvironment.FromAnnotations(project, InClusterResolver.Instance))
        {
            environment[name] = value;
        }
        return new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = Meta($"{project.Name}-env", project.Name),
            Data = environment,
        };
    }

    private static V1Deployment Deployment(ProjectResource project) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = Meta(project.Name, project.Name),
        Spec = new V1DeploymentSpec
        {
            Replicas = project.Replicas,
            Selector = new V1LabelSelector { MatchLabels = Labels(project.Name) },
            Strategy = new V1DeploymentStrategy { Type = "RollingUpdate" },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta
                {
                    Labels = Labels(project.Name),
                    Annotations = new Dictionary<string, string>
                    {
                        ["prometheus.io/scrape"] = "true",
                        ["prometheus.io/port"] = ContainerPort.ToString(),
                        ["prometheus.io/path"] = "/metrics",
                    },
                },
                Spec = new V1PodSpec
                {
                    SecurityContext = new V1PodSecurityContext { RunAsNonRoot = true, RunAsUser = 1654 },
                    TerminationGracePeriodSeconds = 30,
                    Containers =
                    [
                        new V1Container
                        {
                            Name = project.Name,
                            Image = $"{project.Name}:latest",
                            ImagePullPolicy = "IfNotPresent",
                            Ports = [new V1ContainerPort { Name = "http", ContainerPort = ContainerPort }],
                            EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = $"{project.Name}-env" } }],
                            ReadinessProbe = Probe(project.HealthCheckPath, 5),
                            LivenessProbe = Probe("/alive", 10),
                            Resources = new V1ResourceRequirements
                            {
                                Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m"), ["memory"] = new("128Mi") },
                                Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("1"), ["memory"] = new("512Mi") },
                            },
                            SecurityContext = new V1SecurityContext { AllowPrivilegeEscalation = false, ReadOnlyRootFilesystem = false },
                        },
                    ],
                },
            },
        },
    };

    private static V1StatefulSet RedisStatefulSet(RedisResource redis) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "StatefulSet",
        Metadata = Meta(redis.Name, redis.Name),
        Spec = new V1StatefulSetSpec
        {
            ServiceName = redis.Name,
            Replicas = 1,
            Selector = new V1LabelSelector { MatchLabels = Labels(redis.Name) },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = Labels(redis.Name) },
                Spec = new V1PodSpec
                {
                    Containers =
                    [
                        new V1Container
                        {
                            Name = redis.Name,
                            Image = $"{RedisResource.Image}:{RedisResource.ImageTag}",
                            Args = ["--appendonly", "yes"],
                            Ports = [new V1ContainerPort { Name = "tcp", ContainerPort = RedisResource.DefaultPort }],
                            ReadinessProbe = new V1Probe { Exec = new V1ExecAction { Command = ["redis-cli", "ping"] }, PeriodSeconds = 5 },
                            VolumeMounts = [new V1VolumeMount { Name = "data", MountPath = "/data" }],
                            Resources = new V1ResourceRequirements
                            {
                                Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("50m"), ["memory"] = new("64Mi") },
                                Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("512Mi") },
                            },
                        },
                    ],
                },
            },
            VolumeClaimTemplates =
            [
                new V1PersistentVolumeClaim
                {
                    Metadata = new V1ObjectMeta { Name = "data" },
                    Spec = new V1PersistentVolumeClaimSpec
                    {
                        AccessModes = ["ReadWriteOnce"],
                        Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new("1Gi") } },
                    },
                },
            ],
        },
    };

    private static V1Service Service(string name, int port, string portName) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = Meta(name, name),
        Spec = new V1ServiceSpec
        {
            Selector = Labels(name),
            Ports = [new V1ServicePort { Name = portName, Port = port, TargetPort = port, Protocol = "TCP" }],
        },
    };

    private static V1Ingress Ingress(IEnumerable<ProjectResource> projects) => new()
    {
        ApiVersion = "networking.k8s.io/v1",
        Kind = "Ingress",
        Metadata = new V1ObjectMeta { Name = "external", Labels = new Dictionary<string, string> { ["app.kubernetes.io/part-of"] = "video-platform" } },
        Spec = new V1IngressSpec
        {
            Rules = projects.Select(p => new V1IngressRule
            {
                // Replace with real host names in an overlay.
                Host = $"{p.Name}.video-platform.local",
                Http = new V1HTTPIngressRuleValue
                {
                    Paths =
                    [
                        new V1HTTPIngressPath
                        {
                            Path = "/",
                            PathType = "Prefix",
                            Backend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = p.Name, Port = new V1ServiceBackendPort { Number = ContainerPort } } },
                        },
                    ],
                },
            }).ToList(),
        },
    };

    private static V1Probe Probe(string path, int period) => new()
    {
        HttpGet = new V1HTTPGetAction { Path = path, Port = ContainerPort },
        PeriodSeconds = period,
        FailureThreshold = 3,
    };

    private static V1ObjectMeta Meta(string name, string app) => new() { Name = name, Labels = Labels(app) };

    private static Dictionary<string, string> Labels(string app) => new()
    {
        ["app.kubernetes.io/name"] = app,
        ["app.kubernetes.io/part-of"] = "video-platform",
    };

    private static string Yaml(params object[] objects) =>
        string.Join("---\n", objects.Select(o => KubernetesYaml.Serialize(o).TrimEnd('\n') + "\n"));

    private static string Kustomization(IEnumerable<string> resources) =>
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n"
        + string.Concat(resources.Select(r => $"- {r}\n"));

    /// <summary>References as in-cluster addresses: Services named after the resources.</summary>
    private sealed class InClusterResolver : IReferenceResolver
    {
        public static readonly InClusterResolver Instance = new();

        public string? ConnectionString(IResourceWithConnectionString resource) => $"{resource.Name}:{RedisResource.DefaultPort}";

        public IReadOnlyList<string> EndpointUrls(IResourceWithServiceDiscovery resource, string endpointName) =>
            endpointName == "http" ? [$"http://{resource.Name}:{ContainerPort}"] : [];
    }
}
