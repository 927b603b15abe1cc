using System.Text.Json;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>What a parameter falls back to when no value is supplied (manifest <c>inputs.value.default</c>).</summary>
public abstract class ParameterDefault
{
    /// <summary>Writes the content of the manifest's <c>default</c> object.</summary>
    public abstract void WriteToManifest(Utf8JsonWriter writer);

    /// <summary>A value for a local run.</summary>
    public abstract string GetDefaultValue();
}
