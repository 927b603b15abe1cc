namespace Aspire.Hosting.Orchestration;

/// <summary>
/// The value of every parameter for one run, settled before anything starts: the configured
/// <c>Parameters:&lt;name&gt;</c>, else the parameter's default (a generated one is generated
/// here, once, so every replica and every restart sees the same value).
/// </summary>
internal sealed class ParameterValues
{
    private readonly Dictionary<ParameterResource, string> _values = [];

    public ParameterValues(IEnumerable<ParameterResource> parameters, Func<string, string?> configuration)
    {
        foreach (var parameter in parameters)
        {
            _values[parameter] = configuration(parameter.ConfigurationKey) is { Length: > 0 } configured
                ? configured
                : parameter.Default?.GetDefaultValue()
                  ?? throw new DistributedApplicationException(
                      $"Parameter '{parameter.Name}' has no value: set '{parameter.ConfigurationKey}' in the AppHost's configuration " +
                      $"(user secrets, appsettings.json, or the environment variable Parameters__{parameter.Name}).");
        }
    }

    public string this[ParameterResource parameter] => _values.TryGetValue(parameter, out var value)
        ? value
        : throw new InvalidOperationException($"Parameter '{parameter.Name}' is not part of this composition.");
}
