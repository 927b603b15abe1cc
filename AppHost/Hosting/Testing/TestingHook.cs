using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting;

/// <summary>
/// Connects an AppHost's <c>Main</c> to the testing builder: gives the declared builder
/// test defaults (random ports, no console echo, fail fast) and captures it at <c>Build()</c>.
/// </summary>
internal sealed class TestingHook(IEnumerable<KeyValuePair<string, string?>> overrides)
{
    public DistributedApplicationBuilder? Builder { get; private set; }

    public void ConfigureBuilder(DistributedApplicationBuilder builder)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["AppHost:RandomizePorts"] = "true",
            ["AppHost:Console"] = "false",
            ["AppHost:NoDashboard"] = "true",
            ["AppHost:WaitBehavior"] = "StopOnResourceUnavailable",
            ["AppHost:ShutdownTimeoutSeconds"] = "5",
            ["AppHost:MaxRestartAttempts"] = "3",
        };
        // A test's own settings win over these defaults.
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }
        builder.Configuration.AddInMemoryCollection(settings);
    }

    public void Declared(DistributedApplicationBuilder builder) => Builder = builder;
}
