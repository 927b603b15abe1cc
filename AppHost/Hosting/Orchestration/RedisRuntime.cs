using System.Globalization;

namespace Aspire.Hosting.Orchestration;

/// <summary>
/// Redis, in one of three ways: the connection string configured as
/// <c>ConnectionStrings:&lt;name&gt;</c> (watched, not started); <c>redis-server</c> from PATH on a
/// free loopback port without persistence, requiring the resource's password when it has one (the
/// connection string then carries it); or absent, in which case the services run on their
/// in-process caches and the AppHost says so once.
/// </summary>
internal sealed class RedisRuntime : ResourceRuntime
{
    private readonly Func<string?> _connectionString;
    private readonly RedisPasswordFile? _passwordFile;

    private RedisRuntime(RedisResource resource, OrchestratorContext context, Func<string?> connectionString, ResourceInstance? instance,
        RedisPasswordFile? passwordFile = null)
        : base(resource, context)
    {
        _connectionString = connectionString;
        _passwordFile = passwordFile;
        Instances = instance is null ? [] : [instance];
    }

    public override string ResourceType => "Container";

    protected override string StoppedState => KnownResourceStates.Exited;

    /// <summary>What projects get as <c>ConnectionStrings__&lt;name&gt;</c>; null when Redis is absent. Read when they start: the port may have moved.</summary>
    public string? ConnectionString => _connectionString();

    public bool IsAbsent => ConnectionString is null;

    // Snapshots are shown (console table, dashboard): the password stays out of them.
    public override ResourceSnapshot InitialSnapshot() => base.InitialSnapshot() with { ConnectionString = ConnectionString is { } cs ? Redact(cs) : null };

    public static RedisRuntime Create(RedisResource resource, OrchestratorContext context, string? configuredConnectionString, string? password, Func<int> freePort)
    {
        if (!string.IsNullOrWhiteSpace(configuredConnectionString))
        {
            var (host, port) = ParseEndpoint(configuredConnectionString);
            var configuredPassword = ParsePassword(configuredConnectionString);
            return new RedisRuntime(resource, context, () => configuredConnectionString,
                new ResourceInstance(resource.Name, port, null, ct => HealthProbes.PingRedisAsync(host, port, configuredPassword, ct)));
        }

        var server = ExecutableLocator.Find("redis-server");
        if (server is null)
        {
            return new RedisRuntime(resource, context, () => null, null);
        }

        var endpoint = resource.Endpoints.First();
        int? told = context.Options.Ports.TryGetValue(resource.Name, out var configured) ? configured
            : endpoint.Port is { } fixedPort && !context.Options.RandomizePorts ? fixedPort
            : null;
        // The port is read at each start, probe and reference: one the engine chose may move (BeforeStart).
        ResourceInstance instance = null!;
        // The password goes in a file only this user can read (the first argument, as redis-server
        // takes a configuration file), not on the command line every local user can see.
        var passwordFile = password is null ? null : new RedisPasswordFile(password);
        string[] Arguments()
        {
            string[] arguments = ["--port", instance.Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"];
            return passwordFile is null ? arguments : [passwordFile.Path, .. arguments];
        }
        // Under the stdin watcher where there is a shell: a killed AppHost does not leave Redis behind.
        var spec = StdinLifeline.IsAvailable
            ? new ProcessSpec(StdinLifeline.Shell, () => StdinLifeline.Arguments(server, Arguments()), Path.GetTempPath(), () => [])
            : new ProcessSpec(server, () => Arguments(), Path.GetTempPath(), () => []);
        instance = new ResourceInstance(resource.Name, told ?? freePort(), spec, async ct =>
        {
            var reading = await HealthProbes.PingRedisAsync("127.0.0.1", instance.Port, password, ct);
            if (reading.Status == HealthStatus.Healthy)
            {
                // It took the password: it has read the file, and will not again until a restart.
                passwordFile?.Remove();
            }
            return reading;
        })
        {
            PortChosen = told is null,
        };
        return new RedisRuntime(resource, context,
            () => password is null ? $"localhost:{instance.Port}" : $"localhost:{instance.Port},password={password}", instance, passwordFile);
    }

    protected override void BeforeStart(ResourceInstance instance)
    {
        _passwordFile?.Write();
        if (MovePortIfTaken(instance))
        {
            Publish(s => s with { ConnectionString = ConnectionString is { } cs ? Redact(cs) : null });
        }
    }

    // A Redis that never answered leaves its file behind until here.
    protected override void AfterRun() => _passwordFile?.Remove();

    /// <summary>The connection string with the value of its <c>password=</c> option masked.</summary>
    internal static string Redact(string connectionString) =>
        string.Join(",", connectionString.Split(',').Select((option, i) =>
            i > 0 && option.TrimStart().StartsWith("password=", StringComparison.OrdinalIgnoreCase) ? "password=*****" : option));

    /// <summary>The <c>password=</c> option of a StackExchange.Redis connection string, if any.</summary>
    internal static string? ParsePassword(string connectionString) =>
        connectionString.Split(',', StringSplitOptions.TrimEntries)
            .Skip(1)
            .Where(o => o.StartsWith("password=", StringComparison.OrdinalIgnoreCase))
            .Select(o => o["password=".Length..])
            .LastOrDefault();

    /// <summary>The first <c>host:port</c> of a StackExchange.Redis connection string.</summary>
    internal static (string Host, int Port) ParseEndpoint(string connectionString)
    {
        var first = connectionString.Split(',', StringSplitOptions.TrimEntries)[0];
        var colon = first.LastIndexOf(':');
        return colon > 0 && int.TryParse(first[(colon + 1)..], out var port)
            ? (first[..colon], port)
            : (first, RedisResource.DefaultPort);
    }
}
