namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A Redis server. Locally: <c>redis-server</c> from PATH on a free port, or the connection
/// string configured as <c>ConnectionStrings:&lt;name&gt;</c>. Published: the Redis container.
/// </summary>
public sealed class RedisResource : Resource, IResourceWithConnectionString, IResourceWithEndpoints
{
    /// <summary>The container image the manifest names.</summary>
    public const string Image = "docker.io/library/redis";

    public const string ImageTag = "7.4";

    public const int DefaultPort = 6379;

    public RedisResource(string name, int? port) : base(name) =>
        Annotations.Add(new EndpointAnnotation("tcp", "tcp", port, DefaultPort));

    public string ConnectionStringExpression =>
        $"{{{Name}.bindings.tcp.host}}:{{{Name}.bindings.tcp.port}}";
}
