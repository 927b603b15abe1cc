using System.Text;
using k8s;
using k8s.Models;

namespace Aspire.Hosting.Publishing;

/// <summary>
/// Writes a kustomize base for the composition from Kubernetes' own object models: per project a
/// Deployment (replicas from <c>WithReplicas</c>, readiness on <c>/health</c>, liveness on
/// <c>/alive</c>, requests and limits, non-root, Prometheus scrape annotations) with its Service and
/// a ConfigMap holding its environment — references resolved to in-cluster names
/// (<c>http://metadata:8080</c>, <c>cache:6379</c>) — Redis as a StatefulSet with a volume claim
/// requiring its password, and an Ingress for the external endpoints.
/// <para>
/// Secrets (the parameters, and an external Redis connection string) live in one Secret,
/// <c>parameters</c>, and reach containers only through <c>secretKeyRef</c>; a value that embeds
/// one (<c>cache:6379,password=…</c>) is composed by Kubernetes from <c>$(VAR)</c> references.
/// The Secret holds only the values given at publish time (<c>Parameters:&lt;name&gt;</c>); the
/// others are listed in its <c>video-platform/keys</c> annotation and supplied at deploy time, and
/// until they are, pods that need them do not start (rather than run with an empty password).
/// </para>
/// </summary>
public static class KubernetesPublisher
{
    public const int ContainerPort = 8080;

    /// <summary>The Secret every secret value lives in.</summary>
    public const string SecretName = "parameters";

    /// <summary>The annotation on the Secret that lists the keys a deployment must supply.</summary>
    public const string KeysAnnotation = "video-platform/keys";

    /// <summary>Writes every file into <paramref name="directory"/> and returns their names.</summary>
    public static IReadOnlyList<string> Write(IEnumerable<IResource> resources, string directory, Func<string, string?>? configuration = null)
    {
        Directory.CreateDirectory(directory);
        var files = Render(resources, configuration);
        foreach (var (name, text) in files)
        {
            File.WriteAllText(Path.Combine(directory, name), text, new UTF8Encoding(false));
        }
        return files.Keys.ToList();
    }

    /// <summary>
    /// File name → YAML, in a stable order. <paramref name="configuration"/> (the AppHost's, by key)
    /// may give parameter values (<c>Parameters:&lt;name&gt;</c>) and an external Redis
    /// (<c>ConnectionStrings:&lt;name&gt;</c>), which then replaces the StatefulSet.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Render(IEnumerable<IResource> resources, Func<string, string?>? configuration = null)
    {
        configuration ??= _ => null;
        var list = resources.ToList();
        var secrets = new SecretKeys(configuration);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in list)
        {
            switch (resource)
            {
                case RedisResource redis when secrets.ExternalConnectionString(redis) is null:
                    files[$"{redis.Name}.yaml"] = Yaml(RedisStatefulSet(redis, secrets), Service(redis.Name, RedisResource.DefaultPort, "tcp"));
                    break;
                case ProjectResource project:
                    var environment = new ProjectVariables(project, secrets);
                    files[$"{project.Name}.yaml"] = Yaml(ConfigMap(project, environment), Deployment(project, environment), Service(project.Name, ContainerPort, "http"));
                    break;
            }
        }
        if (secrets.Used.Count > 0)
        {
            files["parameters.yaml"] = Yaml(Secret(secrets));
        }

        var external = list.OfType<ProjectResource>().Where(p => p.Endpoints.Any(e => e.IsExternal)).ToList();
        if (external.Count > 0)
        {
            files["ingress.yaml"] = Yaml(Ingress(external));
        }
        files["kustomization.yaml"] = Kustomization(files.Keys.Where(k => k != "kustomization.yaml"));
        return files;
    }

    private static V1ConfigMap ConfigMap(ProjectResource project, ProjectVariables environment) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = Meta($"{project.Name}-env", project.Name),
        Data = environment.Plain,
    };

    private static V1Secret Secret(SecretKeys secrets) => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Metadata = new V1ObjectMeta
        {
            Name = SecretName,
            Labels = new Dictionary<string, string> { ["app.kubernetes.io/part-of"] = "video-platform" },
            Annotations = new Dictionary<string, string> { [KeysAnnotation] = string.Join(",", secrets.Used.Keys) },
        },
        Type = "Opaque",
        StringData = secrets.Used.Where(k => k.Value is not null).ToDictionary(k => k.Key, k => k.Value!) is { Count: > 0 } given ? given : null,
    };

    private static V1Deployment Deployment(ProjectResource project, ProjectVariables environment) => new()
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
                            Env = environment.Secret.Count > 0 ? environment.Secret : null,
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

    private static V1StatefulSet RedisStatefulSet(RedisResource redis, SecretKeys secrets) => new()
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
                            Args = redis.PasswordParameter is null
                                ? ["--appendonly", "yes"]
                                : ["--requirepass", "$(REDIS_PASSWORD)", "--appendonly", "yes"],
                            // redis-cli, for the probe, reads the password from REDISCLI_AUTH.
                            Env = redis.PasswordParameter is { } password
                                ? [SecretKeys.Reference("REDIS_PASSWORD", secrets.Add(password)), new V1EnvVar { Name = "REDISCLI_AUTH", Value = "$(REDIS_PASSWORD)" }]
                                : null,
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

    /// <summary>The keys of the Secret the composition uses, with the values given at publish time.</summary>
    private sealed class SecretKeys(Func<string, string?> configuration)
    {
        /// <summary>Key → value given at publish time (null: to be supplied at deploy time).</summary>
        public SortedDictionary<string, string?> Used { get; } = new(StringComparer.Ordinal);

        /// <summary>A parameter's key is its name; its value may be given as <c>Parameters:&lt;name&gt;</c>.</summary>
        public string Add(ParameterResource parameter) =>
            Add(parameter.Name, configuration(parameter.ConfigurationKey) is { Length: > 0 } given ? given : null);

        public string Add(string key, string? value)
        {
            Used[key] = value;
            return key;
        }

        public string? ExternalConnectionString(RedisResource redis) =>
            configuration($"ConnectionStrings:{redis.Name}") is { Length: > 0 } given ? given : null;

        /// <summary>An env var read from the Secret's <paramref name="key"/>.</summary>
        public static V1EnvVar Reference(string variable, string key) => new()
        {
            Name = variable,
            ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = SecretName, Key = key } },
        };
    }

    /// <summary>
    /// A project's environment with references resolved to in-cluster addresses (Services named
    /// after the resources), split into what a ConfigMap may hold and what must come from the Secret.
    /// </summary>
    private sealed class ProjectVariables : IReferenceResolver
    {
        // Stands for a parameter while the environment is resolved; never written out.
        private const char Marker = '\u0001';
        private readonly SecretKeys _secrets;

        public ProjectVariables(ProjectResource project, SecretKeys secrets)
        {
            _secrets = secrets;
            Plain = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
                ["HTTP_PORTS"] = ContainerPort.ToString(),
                ["OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"] = "in_memory",
                ["OTEL_SERVICE_NAME"] = project.Name,
            };
            var composed = new List<V1EnvVar>();
            foreach (var (name, value) in ProjectEnvironment.FromAnnotations(project, this))
            {
                if (value.Length > 2 && value[0] == Marker && value.IndexOf(Marker, 1) == value.Length - 1)
                {
                    // The whole value is a secret: read it straight from the Secret.
                    Secret.Add(SecretKeys.Reference(name, value[1..^1]));
                }
                else if (value.Contains(Marker))
                {
                    // A parameter inside a larger value: Kubernetes composes it from a helper variable.
                    var parts = value.Split(Marker);
                    for (var i = 1; i < parts.Length; i += 2)
                    {
                        var helper = HelperVariable(parts[i]);
                        if (Secret.All(v => v.Name != helper))
                        {
                            Secret.Add(SecretKeys.Reference(helper, parts[i]));
                        }
                        parts[i] = $"$({helper})";
                    }
                    composed.Add(new V1EnvVar { Name = name, Value = string.Concat(parts) });
                }
                else
                {
                    Plain[name] = value;
                }
            }
            // After the variables they refer to: Kubernetes expands $(VAR) only from those defined earlier.
            Secret.AddRange(composed);
        }

        public SortedDictionary<string, string> Plain { get; }

        public List<V1EnvVar> Secret { get; } = [];

        public string? ConnectionString(IResourceWithConnectionString resource) =>
            resource is RedisResource redis && _secrets.ExternalConnectionString(redis) is { } external
                // An external connection string may carry a password: it is a secret as a whole.
                ? $"{Marker}{_secrets.Add($"ConnectionStrings__{resource.Name}", external)}{Marker}"
                : resource is RedisResource { PasswordParameter: { } password }
                    ? $"{resource.Name}:{RedisResource.DefaultPort},password={ParameterValue(password)}"
                    : $"{resource.Name}:{RedisResource.DefaultPort}";

        public IReadOnlyList<string> EndpointUrls(IResourceWithServiceDiscovery resource, string endpointName) =>
            endpointName == "http" ? [$"http://{resource.Name}:{ContainerPort}"] : [];

        public string ParameterValue(ParameterResource parameter) => $"{Marker}{_secrets.Add(parameter)}{Marker}";

        /// <summary><c>cache-password</c> → <c>CACHE_PASSWORD</c>.</summary>
        private static string HelperVariable(string parameter) => parameter.ToUpperInvariant().Replace('-', '_');
    }
}
