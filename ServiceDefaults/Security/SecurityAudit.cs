using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.Hosting.Security;

/// <summary>
/// Structured security events. Keys are never logged, only their names; the category is stable
/// so that operators can route it (<c>VideoPlatform.Security.Audit</c>).
/// </summary>
internal static partial class SecurityAudit
{
    public const string Category = "VideoPlatform.Security.Audit";

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "API key rejected ({Reason}) from {ClientIp} for {Method} {Path}")]
    public static partial void ApiKeyRejected(ILogger logger, string reason, string clientIp, string method, string path);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Rate limit of {Limit}/{WindowSeconds}s reached by {Partition} for {Method} {Path}")]
    public static partial void RateLimited(ILogger logger, string partition, int limit, int windowSeconds, string method, string path);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Request from {ClientIp} refused by the IP {List} list for {Method} {Path}")]
    public static partial void IpRefused(ILogger logger, string clientIp, string list, string method, string path);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Rate-limit counters fell back to this process: Redis is unavailable ({Reason})")]
    public static partial void CountersLocal(ILogger logger, string reason);
}
