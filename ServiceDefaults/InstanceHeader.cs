using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Says which replica answered (<c>X-Instance-Id</c>, from the <c>service.instance.id</c> the AppHost
/// or the orchestrator sets in <c>OTEL_RESOURCE_ATTRIBUTES</c>): load balancing becomes visible.
/// </summary>
internal static class InstanceHeader
{
    public const string HeaderName = "X-Instance-Id";

    public static WebApplication UseInstanceHeader(this WebApplication app)
    {
        var instance = (app.Configuration["OTEL_RESOURCE_ATTRIBUTES"] ?? "")
            .Split(',', StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2))
            .FirstOrDefault(pair => pair is ["service.instance.id", { Length: > 0 }])?[1];
        if (instance is not null)
        {
            app.Use((context, next) =>
            {
                context.Response.Headers[HeaderName] = instance;
                return next(context);
            });
        }
        return app;
    }
}
