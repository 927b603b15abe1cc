namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Names of the meters and activity sources the platform's own code emits, so that
/// <see cref="Extensions.ConfigureOpenTelemetry{TBuilder}"/> exports them without each service
/// having to remember to.
/// </summary>
public static class PlatformTelemetry
{
    /// <summary>Prefix shared by every meter and activity source of the platform.</summary>
    public const string Prefix = "VideoPlatform";

    public static readonly string[] MeterNames = [Prefix + ".*"];

    public static readonly string[] ActivitySourceNames = [Prefix + ".*"];
}
