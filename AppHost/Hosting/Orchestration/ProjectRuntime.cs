using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Aspire.Hosting.Orchestration;

/// <summary>
/// A .NET project: one process per replica, each on its own port, started from the project's
/// build output with the environment Aspire would give it.
/// </summary>
internal sealed partial class ProjectRuntime : ResourceRuntime
{
    private static readonly SemaphoreSlim BuildLock = new(1, 1);
    private readonly ProjectResource _project;
    private readonly Func<IEnumerable<KeyValuePair<string, string>>> _referenceEnvironment;
    private string? _assemblyPath;

    public ProjectRuntime(ProjectResource project, OrchestratorContext context, IReadOnlyList<(int Port, bool Chosen)> ports,
        Func<IEnumerable<KeyValuePair<string, string>>> referenceEnvironment)
        : base(project, context)
    {
        _project = project;
        _referenceEnvironment = referenceEnvironment;
        Instances = ports.Select((planned, index) =>
        {
            var displayName = ports.Count == 1 ? project.Name : $"{project.Name}-{index}";
            ResourceInstance instance = null!;
            // The port is read at each start and probe: it may have moved (BeforeRestart).
            var spec = new ProcessSpec(DotnetHost, () => [_assemblyPath!], project.ProjectDirectory, () => EnvironmentFor(displayName, instance.Port));
            instance = new ResourceInstance(displayName, planned.Port, spec,
                ct => HealthProbes.GetHttpHealthAsync(new Uri($"http://localhost:{instance.Port}{project.HealthCheckPath}"), ct))
            {
                PortChosen = planned.Chosen,
            };
            return instance;
        }).ToList();
    }

    public override string ResourceType => "Project";

    public IReadOnlyList<string> HttpUrls => Instances.Select(i => $"http://localhost:{i.Port}").ToList();

    public override ResourceSnapshot InitialSnapshot() => base.InitialSnapshot() with { Urls = HttpUrls };

    private static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
        ? host
        : "dotnet";

    protected override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        _assemblyPath = await EnsureBuiltAsync(cancellationToken);
        foreach (var instance in Instances.Where(i => !i.PortChosen))
        {
            PortGuard.EnsureFree(instance.Port, $"{instance.DisplayName} (set AppHost:Ports:{_project.Name} to move it)");
        }
    }

    /// <summary>A moved port (see <see cref="ResourceRuntime.MovePortIfTaken"/>) shows in the snapshot's URLs.</summary>
    protected override void BeforeStart(ResourceInstance instance)
    {
        if (MovePortIfTaken(instance))
        {
            Publish(s => s with { Urls = HttpUrls });
        }
    }

    /// <summary>
    /// The project's entry assembly in its build output. <c>dotnet run --project AppHost</c> builds
    /// the services with the AppHost (project references), so this normally finds it at once.
    /// </summary>
    private async Task<string> EnsureBuiltAsync(CancellationToken cancellationToken)
    {
        var framework = $"net{Environment.Version.Major}.{Environment.Version.Minor}";
        var assembly = Path.Combine(_project.ProjectDirectory, "bin", Context.Options.BuildConfiguration, framework, _project.ProjectName + ".dll");
        if (File.Exists(assembly))
        {
            return assembly;
        }

        await BuildLock.WaitAsync(cancellationToken);
        try
        {
            if (File.Exists(assembly))
            {
                return assembly;
            }
            LogBuilding(Context.Logger, _project.Name, _project.ProjectPath);
            using var build = Process.Start(new ProcessStartInfo(DotnetHost,
                ["build", _project.ProjectPath, "-c", Context.Options.BuildConfiguration, "--nologo", "-v", "quiet"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var output = build.StandardOutput.ReadToEndAsync(cancellationToken);
            await build.WaitForExitAsync(cancellationToken);
            if (build.ExitCode != 0 || !File.Exists(assembly))
            {
                throw new InvalidOperationException($"building {_project.ProjectPath} failed:{Environment.NewLine}{await output}");
            }
            return assembly;
        }
        finally
        {
            BuildLock.Release();
        }
    }

    private IEnumerable<KeyValuePair<string, string>> EnvironmentFor(string displayName, int port)
    {
        var options = Context.Options;
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://localhost:{port}",
            ["ASPNETCORE_ENVIRONMENT"] = options.Environment,
            ["DOTNET_ENVIRONMENT"] = options.Environment,
            ["OTEL_SERVICE_NAME"] = _project.Name,
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={displayName}",
            ["OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"] = "in_memory",
            ["LOGGING__CONSOLE__FORMATTERNAME"] = "simple",
            // One line per entry, so each keeps the resource prefix the AppHost adds.
            ["LOGGING__CONSOLE__FORMATTEROPTIONS__SINGLELINE"] = "true",
            // The child's standard input stays open while this process lives; the service stops
            // when it closes (ServiceDefaults' AppHostLifeline), so a killed AppHost leaves no service behind.
            ["APPHOST_LIFELINE"] = "stdin",
        };
        if (!Console.IsOutputRedirected)
        {
            environment["DOTNET_SYSTEM_CONSOLE_ALLOW_ANSI_COLOR_REDIRECTION"] = "true";
        }
        if (options.OtlpEndpoint is { Length: > 0 } otlp)
        {
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp;
            environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = options.OtlpProtocol;
            if (options.OtlpIsDashboard)
            {
                // The receiver is this process, on loopback: an export that takes longer than this
                // has failed, and a service whose AppHost died must not spend 10 s (the default)
                // per signal flushing to it before it can exit and free its port.
                environment["OTEL_EXPORTER_OTLP_TIMEOUT"] = "3000";
            }
            if (options.Environment == "Development")
            {
                // Telemetry shows up within a second while developing.
                environment["OTEL_BSP_SCHEDULE_DELAY"] = "1000";
                environment["OTEL_BLRP_SCHEDULE_DELAY"] = "1000";
                environment["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";
            }
        }
        foreach (var (name, value) in _referenceEnvironment())
        {
            environment[name] = value;
        }
        return environment;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Building {Resource} ({Project}): its build output was not found")]
    private static partial void LogBuilding(ILogger logger, string resource, string project);
}
