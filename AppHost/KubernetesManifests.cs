using System.Globalization;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;

namespace VideoPlatform.AppHost;

/// <summary>
/// A kustomize base for the composition, from the app model and Kubernetes' own object models: per
/// project a Deployment (replicas from <c>WithReplicas</c>, readiness on <c>/health</c>, liveness
/// on <c>/alive</c>, requests and limits, non-root, Prometheus scrape annotations) with its Service
/// and a ConfigMap holding its environment as the AppHost declares it, references resolved to
/// in-cluster names (<c>http://metadata:8080</c>, <c>cache:6379</c>), and a ReadWriteMany claim
/// mounted in every replica for each <see cref="SharedVolumeAnnotation"/>; Redis as a StatefulSet
/// requiring its password; an Ingress for the external endpoints.
/// <para>
/// Parameters live in one Secret, <c>parameters</c>, committed without values (its
/// <c>video-platform/keys</c> annotation lists what a deployment must supply), and reach
/// containers only through <c>secretKeyRef</c>; a value that embeds one
/// (<c>cache:6379,password=…</c>) is composed by Kubernetes from <c>$(VAR)</c> references.
/// </para>
/// </summary>
public static partial class KubernetesManifests
{
    public const int ContainerPort = 8080;
    public const string SecretName = "parameters";
    public const string KeysAnnotation = "video-platform/keys";

    /// <summary>File name → YAML, in a stable order.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> RenderAsync(IEnumerable<IResource> resources, CancellationToken cancellationToken)
    {
        var list = resources.ToList();
        var secrets = new SortedSet<string>(StringComparer.Ordinal);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in list)
        {
            switch (resource)
            {
                case RedisResource redis:
                    var port = redis.PrimaryEndpoint.TargetPort ?? 6379;
                    files[$"{redis.Name}.yaml"] = Yaml(RedisStatefulSet(redis, port, secrets), Service(redis.Name, port, "tcp"));
                    break;
                case ProjectResource project:
                    var environment = await ProjectVariables.ResolveAsync(project, list, secrets, cancellationToken);
                    var shared = project.Annotations.OfType<SharedVolumeAnnotation>().ToList();
                    foreach (var volume in shared)
                    {
                        environment.Plain[volume.ConfigurationKey] = volume.MountPath;
                    }
                    files[$"{project.Name}.yaml"] = Yaml([ConfigMap(project, environment), .. shared.Select(v => SharedClaim(project, v)),
                        Deployment(project, environment, shared), Service(project.Name, ContainerPort, "http")]);
                    break;
            }
        }
        if (secrets.Count > 0)
        {
            files["parameters.yaml"] = Yaml(Secret(secrets));
        }
        var external = list.OfType<ProjectResource>()
            .Where(p => p.Annotations.OfType<EndpointAnnotation>().Any(e => e.IsExternal && e.UriScheme == "http"))
            .ToList();
        if (external.Count > 0)
        {
            files["ingress.yaml"] = Yaml(Ingress(external));
        }
        files["kustomization.yaml"] = Kustomization(files.Keys);
        return files;
    }

    private static V1ConfigMap ConfigMap(ProjectResource project, ProjectVariables environment) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = Meta($"{project.Name}-env", project.Name),
        Data = environment.Plain,
    };

    private static V1Secret Secret(IEnumerable<string> keys) => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Metadata = new V1ObjectMeta
        {
            Name = SecretName,
            Labels = new Dictionary<string, string> { ["app.kubernetes.io/part-of"] = "video-platform" },
            Annotations = new Dictionary<string, string> { [KeysAnnotation] = string.Join(",", keys) },
        },
        Type = "Opaque",
    };

    /// <summary>
    /// The claim behind a <see cref="SharedVolumeAnnotation"/>: ReadWriteMany, so that every replica
    /// mounts it at once, on the cluster's default storage class (an overlay names one that offers
    /// ReadWriteMany: NFS, CephFS, Azure Files, EFS…).
    /// </summary>
    private static V1PersistentVolumeClaim SharedClaim(ProjectResource project, SharedVolumeAnnotation volume) => new()
    {
        ApiVersion = "v1",
        Kind = "PersistentVolumeClaim",
        Metadata = Meta($"{project.Name}-{volume.Name}", project.Name),
        Spec = new V1PersistentVolumeClaimSpec
        {
            AccessModes = ["ReadWriteMany"],
            Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new(volume.Size) } },
        },
    };

    private static V1Deployment Deployment(ProjectResource project, ProjectVariables environment, IReadOnlyList<SharedVolumeAnnotation> shared) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = Meta(project.Name, project.Name),
        Spec = new V1DeploymentSpec
        {
            Replicas = project.Annotations.OfType<ReplicaAnnotation>().LastOrDefault()?.Replicas ?? 1,
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
                        ["prometheus.io/port"] = ContainerPort.ToString(CultureInfo.InvariantCulture),
                        ["prometheus.io/path"] = "/metrics",
                    },
                },
                Spec = new V1PodSpec
                {
                    // The SDK's container images run as the non-root user "app" (uid 1654), which
                    // owns what a shared volume holds (fsGroup) where the volume's driver allows.
                    SecurityContext = new V1PodSecurityContext { RunAsNonRoot = true, RunAsUser = 1654, FsGroup = shared.Count > 0 ? 1654 : null },
                    TerminationGracePeriodSeconds = 30,
                    Volumes = shared.Count > 0
                        ? shared.Select(v => new V1Volume
                        {
                            Name = v.Name,
                            PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = $"{project.Name}-{v.Name}" },
                        }).ToList()
                        : null,
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
                            ReadinessProbe = Probe("/health", 5),
                            LivenessProbe = Probe("/alive", 10),
                            Resources = new V1ResourceRequirements
                            {
                                Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m"), ["memory"] = new("128Mi") },
                                Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("1"), ["memory"] = new("512Mi") },
                            },
                            SecurityContext = new V1SecurityContext { AllowPrivilegeEscalation = false, ReadOnlyRootFilesystem = false },
                            VolumeMounts = shared.Count > 0 ? shared.Select(v => new V1VolumeMount { Name = v.Name, MountPath = v.MountPath }).ToList() : null,
                        },
                    ],
                },
            },
        },
    };

    private static V1StatefulSet RedisStatefulSet(RedisResource redis, int port, SortedSet<string> secrets)
    {
        var image = redis.Annotations.OfType<ContainerImageAnnotation>().Last();
        string[] args = ["--appendonly", "yes"];
        List<V1EnvVar>? env = null;
        if (redis.PasswordParameter is { } password)
        {
            secrets.Add(password.Name);
            args = ["--requirepass", "$(REDIS_PASSWORD)", .. args];
            // redis-cli, for the probe, reads the password from REDISCLI_AUTH.
            env = [SecretReference("REDIS_PASSWORD", password.Name), new V1EnvVar { Name = "REDISCLI_AUTH", Value = "$(REDIS_PASSWORD)" }];
        }
        return new()
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
                                Image = $"{image.Registry}/{image.Image}:{image.Tag}",
                                Args = args,
                                Env = env,
                                Ports = [new V1ContainerPort { Name = "tcp", ContainerPort = port }],
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
    }

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

    private static V1EnvVar SecretReference(string variable, string key) => new()
    {
        Name = variable,
        ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = SecretName, Key = key } },
    };

    private static string Yaml(params object[] objects) =>
        string.Join("---\n", objects.Select(o => KubernetesYaml.Serialize(o).TrimEnd('\n') + "\n"));

    private static string Kustomization(IEnumerable<string> resources) =>
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n"
        + string.Concat(resources.Select(r => $"- {r}\n"));

    /// <summary>
    /// A project's environment as its callbacks declare it in publish mode, each value resolved to
    /// its in-cluster form, split into what a ConfigMap may hold and what must come from the Secret.
    /// </summary>
    private sealed partial class ProjectVariables
    {
        // Stands for a parameter while values are resolved; never written out.
        private const char Marker = '\u0001';

        public SortedDictionary<string, string> Plain { get; } = new(StringComparer.Ordinal);

        public List<V1EnvVar> Secret { get; } = [];

        public static async Task<ProjectVariables> ResolveAsync(ProjectResource project, IReadOnlyList<IResource> model, SortedSet<string> secrets,
            CancellationToken cancellationToken)
        {
            var declared = new Dictionary<string, object>();
            var context = new EnvironmentCallbackContext(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Publish),
                project, declared, cancellationToken);
            foreach (var callback in project.Annotations.OfType<EnvironmentCallbackAnnotation>())
            {
                await callback.Callback(context);
            }

            var variables = new ProjectVariables();
            variables.Plain["ASPNETCORE_ENVIRONMENT"] = "Production";
            variables.Plain["OTEL_SERVICE_NAME"] = project.Name;
            var composed = new List<V1EnvVar>();
            foreach (var (name, value) in declared.OrderBy(v => v.Key, StringComparer.Ordinal))
            {
                if (await ResolveAsync(value, model, cancellationToken) is not { } resolved)
                {
                    continue;
                }
                var parts = resolved.Split(Marker);
                for (var i = 1; i < parts.Length; i += 2)
                {
                    secrets.Add(parts[i]);
                }
                if (parts is ["", var whole, ""])
                {
                    // The whole value is a secret: read it straight from the Secret.
                    variables.Secret.Add(SecretReference(name, whole));
                }
                else if (parts.Length > 1)
                {
                    // A parameter inside a larger value: Kubernetes composes it from a helper variable.
                    for (var i = 1; i < parts.Length; i += 2)
                    {
                        var helper = parts[i].ToUpperInvariant().Replace('-', '_');
                        if (variables.Secret.All(v => v.Name != helper))
                        {
                            variables.Secret.Add(SecretReference(helper, parts[i]));
                        }
                        parts[i] = $"$({helper})";
                    }
                    composed.Add(new V1EnvVar { Name = name, Value = string.Concat(parts) });
                }
                else
                {
                    variables.Plain[name] = resolved;
                }
            }
            // After the variables they refer to: Kubernetes expands $(VAR) only from those defined earlier.
            variables.Secret.AddRange(composed);
            return variables;
        }

        /// <summary>The in-cluster value; null for what has none there (https endpoints: the cluster serves HTTP).</summary>
        private static async Task<string?> ResolveAsync(object? value, IReadOnlyList<IResource> model, CancellationToken cancellationToken)
        {
            switch (value)
            {
                case null:
                    return null;
                case string text:
                    return text;
                case ParameterResource parameter:
                    return $"{Marker}{parameter.Name}{Marker}";
                case ConnectionStringReference reference:
                    return await ResolveAsync(reference.Resource.ConnectionStringExpression, model, cancellationToken);
                case IResourceWithConnectionString resource:
                    return await ResolveAsync(resource.ConnectionStringExpression, model, cancellationToken);
                case EndpointReference endpoint:
                    return await ResolveAsync(endpoint.Property(EndpointProperty.Url), model, cancellationToken);
                case EndpointReferenceExpression expression:
                    return Endpoint(expression);
                case ReferenceExpression { IsConditional: true } conditional:
                    var condition = await conditional.Condition!.GetValueAsync(cancellationToken);
                    return await ResolveAsync(condition == conditional.MatchValue ? conditional.WhenTrue : conditional.WhenFalse, model, cancellationToken);
                case ReferenceExpression expression:
                    var values = new string?[expression.ValueProviders.Count];
                    for (var i = 0; i < values.Length; i++)
                    {
                        values[i] = await ResolveAsync(expression.ValueProviders[i], model, cancellationToken);
                        if (values[i] is null)
                        {
                            return null;
                        }
                        if (expression.StringFormats[i] == "uri" && !values[i]!.Contains(Marker))
                        {
                            values[i] = Uri.EscapeDataString(values[i]!);
                        }
                    }
                    return Placeholder().Replace(expression.Format, match => values[int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)]!);
                default:
                    throw new NotSupportedException($"No in-cluster form for a {value.GetType().Name} in the environment.");
            }
        }

        private static string? Endpoint(EndpointReferenceExpression expression)
        {
            var endpoint = expression.Endpoint;
            if (endpoint.EndpointName == "https")
            {
                return null;
            }
            var host = endpoint.Resource.Name;
            var port = endpoint.Resource is ProjectResource ? ContainerPort : endpoint.TargetPort ?? endpoint.Port;
            return expression.Property switch
            {
                EndpointProperty.Url => $"{endpoint.Scheme}://{host}:{port}",
                EndpointProperty.Host or EndpointProperty.IPV4Host => host,
                EndpointProperty.Port or EndpointProperty.TargetPort => port.ToString(CultureInfo.InvariantCulture),
                EndpointProperty.HostAndPort => $"{host}:{port}",
                EndpointProperty.Scheme => endpoint.Scheme,
                EndpointProperty.TlsEnabled => "False",
                _ => throw new NotSupportedException($"No in-cluster form for {expression.ValueExpression}."),
            };
        }

        [GeneratedRegex(@"\{(\d+)(?::[^}]*)?\}")]
        private static partial Regex Placeholder();
    }
}
