namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A value supplied from outside the composition: locally from <c>Parameters:&lt;name&gt;</c> in the
/// AppHost's configuration (or generated once per run from <see cref="Default"/>); when deployed,
/// by the deployment tool, which prompts for it or generates it (manifest <c>parameter.v0</c>).
/// </summary>
public sealed class ParameterResource(string name, bool secret, ParameterDefault? defaultValue = null) : Resource(name)
{
    /// <summary>Secrets are stored and passed as such (a Kubernetes Secret, a secure azd input), never in plain config.</summary>
    public bool Secret { get; } = secret;

    /// <summary>How a value is made when none is supplied; null means one must be supplied.</summary>
    public ParameterDefault? Default { get; } = defaultValue;

    /// <summary>The configuration key the AppHost reads the value from, as Aspire names it.</summary>
    public string ConfigurationKey => $"Parameters:{Name}";

    /// <summary>The manifest expression others use to refer to the value.</summary>
    public string ValueExpression => $"{{{Name}.value}}";
}
