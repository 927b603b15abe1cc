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
    private RedisRuntime(RedisResource resource, OrchestratorContext context, string? connectionString, ResourceInstance? instance)
        : base(resource, context)
    {
        ConnectionString = connectionString;
        Instances = instance is null ? [] : [instance];
    }

    public override string ResourceType => "Container";

    protected override string StoppedState => KnownResourceStates.Exited;

    /// <summary>What projects get as <c>ConnectionStrings__&lt;name&gt;</c>; null when Redis is absent.</summary>
    public string? ConnectionString { get; }

    public bool IsAbsent => ConnectionString is null;

    // Snapshots are shown (console table, dashboard): the password stays out of them.
    public override ResourceSnapshot InitialSnapshot() => base.InitialSnapshot() with { ConnectionString = ConnectionString is { } cs ? Redact(cs) : null };

    public static RedisRuntime Create(RedisResource resource, OrchestratorContext context, string? configuredConnectionString, string? password, Func<int> freePort)
    {
        if (!string.IsNullOrWhiteSpace(configuredConnectionString))
        {
            var (host, port) = ParseEndpoint(configuredConnectionString);
            var configuredPassword = ParsePassword(configuredConnectionString);
            return new RedisRuntime(resource, context, configuredConnectionString,
                new ResourceInstance(resource.Name, port, null, ct => HealthProbes.PingRedisAsync(host, port, configuredPassword, ct)));
        }

        var server = ExecutableLocator.Find("redis-server");
        if (server is null)
        {
            return new RedisRuntime(resource, context, null, null);
        }

        var endpoint = resource.Endpoints.First();
        var localPort = context.Options.Ports.TryGetValue(resource.Name, out var configured) ? configured
            : endpoint.Port is { } fixedPort && !context.Options.RandomizePorts ? fixedPort
            : freePort();
        string[] arguments = ["--port", localPort.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"];
        if (password is not null)
        {
            arguments = [.. arguments, "--requirepass", password];
        }
        var spec = new ProcessSpec(server, () => arguments, Path.GetTempPath(), () => []);
        var connectionString = password is null ? $"localhost:{localPort}" : $"localhost:{localPort},password={password}";
        return new RedisRuntime(resource, context, connectionString,
            new ResourceInstance(resource.Name, localPort, spec, ct => HealthProbes.PingRedisAsync("127.0.0.1", localPort, password, ct)));
    }

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
