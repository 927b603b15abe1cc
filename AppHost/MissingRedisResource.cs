namespace VideoPlatform.AppHost;

/// <summary>
/// Stands for the cache when there is no <c>redis-server</c> to run: shown in the dashboard as
/// not installed, never waited for, and giving no connection string, so the services run on
/// their in-process caches and report themselves Degraded.
/// </summary>
public sealed class MissingRedisResource(string name) : Resource(name), IResourceWithConnectionString
{
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Empty;
}
