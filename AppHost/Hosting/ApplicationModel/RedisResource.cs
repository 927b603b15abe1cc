namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A Redis server. Locally: <c>redis-server</c> from PATH on a free port, or the connection
/// string configured as <c>ConnectionStrings:&lt;name&gt;</c>. Published: the Redis container.
/// With a <see cref="PasswordParameter"/> (what <c>AddRedis</c> gives it) the server requires that
/// password and the connection string carries it.
/// </summary>
public sealed class RedisResource : Resource, IResourceWithConnectionString, IResourceWithEndpoints
{
    /// <summary>The container image the manifest names.</summary>
    public const string Image = "docker.io/library/redis";

    public const string ImageTag = "7.4";

    public const int DefaultPort = 6379;

    public RedisResource(string name, int? port, ParameterResource? password = null) : base(name)
    {
        PasswordParameter = password;
        Annotations.Add(new EndpointAnnotation("tcp", "tcp", port, DefaultPort));
    }

    /// <summary>The password the server requires; null for an open server.</summary>
    public ParameterResource? PasswordParameter { get; }

    public string ConnectionStringExpression => PasswordParameter is { } password
        ? $"{{{Name}.bindings.tcp.host}}:{{{Name}.bindings.tcp.port}},password={password.ValueExpression}"
        : $"{{{Name}.bindings.tcp.host}}:{{{Name}.bindings.tcp.port}}";
}
