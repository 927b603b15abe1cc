using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoPlatform.Contracts;

namespace Microsoft.Extensions.Hosting.Security;

/// <summary>Refuses callers on the deny list, and callers off the allow list when there is one (403).</summary>
internal sealed class IpFilterMiddleware(RequestDelegate next, IOptions<SecurityOptions> options, ILoggerFactory loggers)
{
    private readonly List<IPNetwork> _deny = ClientAddress.ParseNetworks(options.Value.IpDenyList, "Security:IpDenyList");
    private readonly List<IPNetwork> _allow = ClientAddress.ParseNetworks(options.Value.IpAllowList, "Security:IpAllowList");
    private readonly ILogger _audit = loggers.CreateLogger(SecurityAudit.Category);

    public Task InvokeAsync(HttpContext context)
    {
        var address = ClientAddress.Of(context);
        var list = _deny.Any(n => n.Contains(address)) ? "deny"
            : _allow.Count > 0 && !_allow.Any(n => n.Contains(address)) ? "allow"
            : null;
        if (list is null)
        {
            return next(context);
        }

        SecurityAudit.IpRefused(_audit, address.ToString(), list, context.Request.Method, context.Request.Path);
        return context.WriteProblemAsync(ErrorCodes.Forbidden, "Requests from this address are not accepted.").AsTask();
    }
}
