using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting.Security;

/// <summary>Headers that keep browsers from misusing our answers; embeddable player pages may be framed.</summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next, IOptions<SecurityOptions> options)
{
    private readonly PathString[] _frameable = [.. options.Value.FrameablePaths.Select(p => new PathString(p))];

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Permitted-Cross-Domain-Policies"] = "none";
        if (!IsFrameable(context.Request.Path))
        {
            headers.XFrameOptions = "DENY";
        }
        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = "max-age=31536000";
        }
        return next(context);
    }

    private bool IsFrameable(PathString path)
    {
        foreach (var frameable in _frameable)
        {
            if (path.StartsWithSegments(frameable, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }
}
