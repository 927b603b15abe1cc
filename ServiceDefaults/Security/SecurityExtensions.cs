using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting.Security;

/// <summary>
/// The security features every service shares: API keys, rate limits counted in Redis, CORS,
/// security headers, IP allow/deny lists, request size limits, forwarded headers from trusted
/// proxies only, and an audit log. Configured under <c>Security</c>; see <see cref="SecurityOptions"/>.
/// </summary>
public static class SecurityExtensions
{
    private static readonly PathString[] ProbePaths =
        [Extensions.HealthEndpointPath, Extensions.AlivenessEndpointPath, Extensions.MetricsEndpointPath];

    public static TBuilder AddDefaultSecurity<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.SectionName);
        builder.Services.AddSingleton<RateLimitCounters>();
        builder.Services.AddTransient<InternalApiKeyHandler>();

        builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize =
            builder.Configuration.GetValue($"{SecurityOptions.SectionName}:MaxRequestBodyBytes", new SecurityOptions().MaxRequestBodyBytes));

        var origins = builder.Configuration.GetSection($"{SecurityOptions.SectionName}:Cors:AllowedOrigins").Get<string[]>() ?? [];
        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy =>
        {
            if (origins.Contains("*"))
            {
                policy.AllowAnyOrigin();
            }
            else
            {
                policy.WithOrigins(origins);
            }
            policy.AllowAnyHeader().WithMethods("GET", "HEAD", "POST", "DELETE", "OPTIONS")
                .WithExposedHeaders("Content-Range", "Accept-Ranges", "Content-Length", "Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset");
        }));

        // ASPNETCORE_FORWARDEDHEADERS_ENABLED (set in published manifests) trusts every proxy;
        // only the configured ones are believed here, and none when none are configured: empty
        // lists would make the middleware believe everyone, and an invented X-Forwarded-For buy a
        // fresh rate-limit budget.
        builder.Services.PostConfigure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            var trusted = builder.Configuration.GetSection($"{SecurityOptions.SectionName}:TrustedProxies").Get<string[]>() ?? [];
            foreach (var network in ClientAddress.ParseNetworks(trusted, "Security:TrustedProxies"))
            {
                forwarded.KnownIPNetworks.Add(network);
            }
            forwarded.ForwardedHeaders = forwarded.KnownIPNetworks.Count > 0
                ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto
                : ForwardedHeaders.None;
        });

        return builder;
    }

    /// <summary>Adds the internal-key handler to an HTTP client pipeline (before service discovery).</summary>
    internal static IHttpClientBuilder AddInternalApiKey(this IHttpClientBuilder http) =>
        http.AddHttpMessageHandler<InternalApiKeyHandler>();

    public static WebApplication UseDefaultSecurity(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value;
        var enabled = options.Enabled ?? !app.Environment.IsDevelopment();

        if (options.TrustedProxies.Count > 0 && !ForwardedHeadersEnabledByHost(app.Configuration))
        {
            app.UseForwardedHeaders();
        }
        app.UseMiddleware<SecurityHeadersMiddleware>();
        if (options.Cors.AllowedOrigins.Count > 0)
        {
            app.UseCors();
        }
        if (options.IpAllowList.Count > 0 || options.IpDenyList.Count > 0)
        {
            app.UseMiddleware<IpFilterMiddleware>();
        }

        // With only the internal key set, the middleware recognises our own services and lets
        // every other caller through: the key exempts them without making keys mandatory.
        var apiKeys = enabled && (options.ApiKeys.Count > 0 || options.InternalApiKey is { Length: > 0 });
        var rateLimit = options.RateLimit.Enabled ?? enabled;
        // With nothing to guard, no branch for every request to pass through.
        if (apiKeys || rateLimit)
        {
            // Probes and scrapes stay open: Kubernetes and Prometheus carry no key.
            app.UseWhen(context => !IsProbe(context.Request.Path), secured =>
            {
                if (apiKeys)
                {
                    secured.UseMiddleware<ApiKeyMiddleware>();
                }
                if (rateLimit)
                {
                    secured.UseMiddleware<RateLimitMiddleware>();
                }
            });
        }
        // Calls to the other services name the client the key middleware settled on.
        if (options.InternalApiKey is { Length: > 0 })
        {
            app.UseServedClient();
        }
        return app;
    }

    private static bool IsProbe(PathString path)
    {
        foreach (var probe in ProbePaths)
        {
            if (path.StartsWithSegments(probe))
            {
                return true;
            }
        }
        return false;
    }

    private static bool ForwardedHeadersEnabledByHost(IConfiguration configuration) =>
        string.Equals(configuration["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] ?? configuration["FORWARDEDHEADERS_ENABLED"], "true", StringComparison.OrdinalIgnoreCase);
}
