using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VideoPlatform.AppHost;

/// <summary>
/// The cache in run mode without a container runtime: <c>ConnectionStrings:&lt;name&gt;</c> when
/// one is given, else <c>redis-server</c> from PATH as a local process, else nothing (the
/// services then run on their in-process caches, Degraded).
/// </summary>
public static partial class LocalRedisExtensions
{
    public const string InstallHint = "sudo apt-get install redis-server";

    public static IResourceBuilder<IResourceWithConnectionString> AddLocalRedis(this IDistributedApplicationBuilder builder, string name)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(name)))
        {
            return builder.AddConnectionString(name);
        }

        if (FindOnPath("redis-server") is null)
        {
            return builder.AddMissingRedis(name);
        }

        // Named as Aspire's AddRedis names it, so Parameters:cache-password means the same in both modes.
        var password = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);
        var configurationFile = Path.Combine(Path.GetTempPath(), $"redis-{name}-{Environment.ProcessId}.conf");
        var redis = new LocalRedisResource(name, password, configurationFile);

        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(redis, async (_, ct) =>
            connectionString = await redis.ConnectionStringExpression.GetValueAsync(ct));
        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().AddRedis(
            _ => connectionString ?? throw new InvalidOperationException($"The connection string of '{name}' is not known yet."),
            name: healthCheck);

        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(redis, async (_, ct) =>
            await WriteConfigurationAsync(redis, ct));
        // Read once at start: the file need not outlive it.
        builder.Eventing.Subscribe<ResourceReadyEvent>(redis, (_, _) =>
        {
            File.Delete(configurationFile);
            return Task.CompletedTask;
        });

        return builder.AddResource(redis)
            .WithEndpoint(name: LocalRedisResource.EndpointName, scheme: "tcp")
            .WithArgs(context =>
            {
                context.Args.Add(configurationFile);
                context.Args.Add("--port");
                context.Args.Add(redis.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
            })
            .WithHealthCheck(healthCheck)
            .ExcludeFromManifest();
    }

    private static async Task WriteConfigurationAsync(LocalRedisResource redis, CancellationToken cancellationToken)
    {
        var password = await redis.PasswordParameter.GetValueAsync(cancellationToken);
        // Local, disposable: loopback only, nothing written to disk.
        string[] lines = ["bind 127.0.0.1", "save \"\"", "appendonly no", $"requirepass {password}"];
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        await using var file = new FileStream(redis.ConfigurationFile, options);
        await using var writer = new StreamWriter(file);
        await writer.WriteAsync(string.Join('\n', lines) + "\n");
    }

    private static IResourceBuilder<IResourceWithConnectionString> AddMissingRedis(this IDistributedApplicationBuilder builder, string name)
    {
        var missing = new MissingRedisResource(name);
        builder.Eventing.Subscribe<BeforeStartEvent>(async (@event, _) =>
        {
            LogRedisMissing(@event.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LocalRedisExtensions).FullName!), InstallHint);
            // Nothing to wait for, and no connection string to give: the references stay in the
            // model (the dashboard still shows who would use it) but take nothing from it.
            foreach (var resource in @event.Model.Resources)
            {
                var waits = resource.Annotations.OfType<WaitAnnotation>().Where(w => w.Resource == missing).ToList();
                foreach (var wait in waits)
                {
                    resource.Annotations.Remove(wait);
                }
                if (resource.Annotations.OfType<ResourceRelationshipAnnotation>().Any(r => r.Resource == missing))
                {
                    resource.Annotations.Add(new EnvironmentCallbackAnnotation(context =>
                    {
                        context.EnvironmentVariables.Remove($"ConnectionStrings__{name}");
                        return Task.CompletedTask;
                    }));
                }
            }
            await @event.Services.GetRequiredService<ResourceNotificationService>().PublishUpdateAsync(missing, s => s with
            {
                State = new ResourceStateSnapshot("Not installed", KnownResourceStateStyles.Warn),
            });
        });
        return builder.AddResource(missing)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "Redis",
                State = new ResourceStateSnapshot("Not installed", KnownResourceStateStyles.Warn),
                Properties = [],
            })
            .ExcludeFromManifest();
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "redis-server is not on PATH: the services run on their in-process caches (health: Degraded). Install it with: {Hint}")]
    private static partial void LogRedisMissing(ILogger logger, string hint);
}
