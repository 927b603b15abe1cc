using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting;

/// <summary>
/// Connects an AppHost's <c>Main</c> to the testing builder: gives the declared builder
/// test defaults (random ports, no console echo, fail fast) and captures it at <c>Build()</c>.
/// </summary>
internal sealed class TestingHook(IEnumerable<KeyValuePair<string, string?>> overrides)
{
    public DistributedApplicationBuilder? Builder { get; private set; }

    public void ConfigureBuilder(DistributedApplicationBuilder builder) =>
        builder.Configuration.AddInMemoryCollection(
        [
            new("AppHost:RandomizePorts", "true"),
            new("AppHost:Console", "false"),
            new("AppHost:NoDashboard", "true"),
            new("AppHost:WaitBehavior", "StopOnResourceUnavailable"),
            new("AppHost:ShutdownTimeoutSeconds", "5"),
            new("AppHost:MaxRestartAttempts", "3"),
            .. overrides,
        ]);

    public void Declared(DistributedApplicationBuilder builder) => Builder = builder;
}
