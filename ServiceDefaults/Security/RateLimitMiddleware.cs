using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoPlatform.Contracts;

namespace Microsoft.Extensions.Hosting.Security;

/// <summary>
/// Limits requests per client per window: per API key when the request carries one, else per
/// client IP. Answers 429 with <c>Retry-After</c>, and tells every client where it stands with
/// <c>X-RateLimit-Limit</c>, <c>-Remaining</c> and <c>-Reset</c>, as the seed API did.
/// </summary>
internal sealed class RateLimitMiddleware(
    RequestDelegate next,
    IOptions<SecurityOptions> options,
    RateLimitCounters counters,
    TimeProvider time,
    IWebHostEnvironment environment,
    ILoggerFactory loggers)
{
    private readonly RateLimitOptions _options = options.Value.RateLimit;
    private readonly string _service = environment.ApplicationName;
    private readonly ILogger _audit = loggers.CreateLogger(SecurityAudit.Category);

    public async Task InvokeAsync(HttpContext context)
    {
        var key = context.Features.Get<ApiKeyFeature>();
        var limit = key?.PermitLimit ?? _options.PermitLimit;
        if (limit <= 0)
        {
            await next(context);
            return;
        }

        var window = TimeSpan.FromSeconds(Math.Max(1, _options.WindowSeconds));
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var windowIndex = now / (long)window.TotalSeconds;
        var resetsIn = (windowIndex + 1) * (long)window.TotalSeconds - now;
        var partition = key is not null ? $"key:{key.Name}" : $"ip:{ClientAddress.Of(context)}";

        var count = await counters.IncrementAsync($"ratelimit:{_service}:{partition}:{windowIndex}", window);

        var headers = context.Response.Headers;
        headers["X-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = Math.Max(0, limit - count).ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = resetsIn.ToString(CultureInfo.InvariantCulture);

        if (count > limit)
        {
            SecurityAudit.RateLimited(_audit, partition, limit, (int)window.TotalSeconds, context.Request.Method, context.Request.Path);
            await context.WriteProblemAsync(ErrorCodes.RateLimited,
                $"More than {limit} requests in {(int)window.TotalSeconds} s; retry in {resetsIn} s.", (int)resetsIn);
            return;
        }

        await next(context);
    }
}
