namespace VideoPlatform.AppHost;

/// <summary>
/// <c>redis-server</c> run by DCP as a local process, addressed like Aspire's own Redis resource:
/// the same connection string (<c>host:port,password=…</c>) and the same connection properties
/// (<c>CACHE_HOST</c>, <c>CACHE_PORT</c>, <c>CACHE_PASSWORD</c>, <c>CACHE_URI</c>), so that a
/// service cannot tell it from the container that publishing describes.
/// </summary>
public sealed class LocalRedisResource(string name, ParameterResource password, string configurationFile)
    : ExecutableResource(name, "redis-server", Path.GetTempPath()), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    public EndpointReference PrimaryEndpoint => new(this, EndpointName);

    public ParameterResource PasswordParameter { get; } = password;

    /// <summary>
    /// Where the server's settings (the password among them) are written before each start: in a
    /// file only this user can read, not on a command line every local user and the dashboard see.
    /// </summary>
    public string ConfigurationFile { get; } = configurationFile;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)},password={PasswordParameter}");

    IEnumerable<KeyValuePair<string, ReferenceExpression>> IResourceWithConnectionString.GetConnectionProperties() =>
    [
        new("Host", ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.Host)}")),
        new("Port", ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.Port)}")),
        new("Password", ReferenceExpression.Create($"{PasswordParameter}")),
        new("Uri", ReferenceExpression.Create(
            $"redis://:{PasswordParameter:uri}@{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)}")),
    ];
}
