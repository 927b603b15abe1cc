using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting.Security;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Scalar.AspNetCore;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every service of the platform shares: OpenTelemetry, health checks, service discovery,
/// HTTP resilience, Prometheus metrics, problem details and OpenAPI. Mirrors Aspire's
/// service-defaults template so that a move to the real packages changes nothing here.
/// </summary>
public static class Extensions
{
    public const string HealthEndpointPath = "/health";
    public const string AlivenessEndpointPath = "/alive";
    public const string MetricsEndpointPath = "/metrics";

    /// <summary>Tag of the checks that say the process itself is alive.</summary>
    public const string LiveTag = "live";

    /// <summary>
    /// Meters ASP.NET Core records on every request that tell nothing the request-duration histogram
    /// and the runtime's heap metrics do not: Kestrel's memory pool (a measurement on every buffer
    /// rented and returned) and routing's match attempts (one per request, tagged with the route
    /// <c>http.server.request.duration</c> already carries). Profiles put each among the larger
    /// costs of a small request.
    /// </summary>
    private static readonly HashSet<string> DroppedMeters = ["Microsoft.AspNetCore.MemoryPool", "Microsoft.AspNetCore.Routing"];

    /// <summary>The category ASP.NET Core's hosting logs each request's start and end under.</summary>
    private const string HostingDiagnosticsCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddDefaultSecurity();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            // API calls get the standard pipeline (10 s per attempt, retries, circuit breaker).
            // Clients that move media bytes remove it and set their own timeouts.
            // Retries start at 250 ms rather than 2 s: the callers are players and services that
            // would rather hear 503 within two seconds than wait fourteen.
            http.AddStandardResilienceHandler(ResilienceConfiguration.ConfigureServiceHop);
            http.AddInternalApiKey();
            http.AddServiceDiscovery();
        });

        builder.Services.AddProblemDetails(options =>
            options.CustomizeProblemDetails = context =>
            {
                context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
                context.ProblemDetails.Extensions.TryAdd("trace_id", context.HttpContext.TraceIdentifier);
            });
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        // A value that does not bind to its parameter throws (to ProblemExceptionHandler) in every
        // environment, as it does in Development, instead of a bare 400.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        // Errors Kestrel raises while reading a request (body too large, malformed) keep their 4xx.
        builder.Services.Configure<ExceptionHandlerOptions>(options => options.StatusCodeSelector =
            exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError);
        builder.Services.AddOpenApi(options => options.AddOperationTransformer<ProblemResponsesTransformer>());

        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // Metrics are always kept: Prometheus scrapes /metrics whether or not a collector exists.
        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(PlatformTelemetry.MeterNames)
                .AddView(instrument => DroppedMeters.Contains(instrument.Meter.Name) ? MetricStreamConfiguration.Drop : null)
                .AddPrometheusExporter());

        // Spans and log records go only where OTLP sends them. Without an endpoint (the generated
        // Kubernetes manifests set none) recording them would cost every request an activity, its
        // tags and a trip through the instrumentation's listener for nobody to read.
        if (!IsOtlpExportConfigured(builder.Configuration))
        {
            // Hosting opens an activity and a log scope for every request whenever its own logger
            // is on at any level, though "Microsoft.AspNetCore": "Warning" lets none of its request
            // logs through. Without a collector nothing reads either, and the activity also sends
            // every cache lookup down HybridCache's traced path. A profile of the player redirect
            // put the two at a tenth of its work. Configuration that names the category still wins.
            if (builder.Configuration[$"Logging:LogLevel:{HostingDiagnosticsCategory}"] is null)
            {
                builder.Logging.AddFilter(HostingDiagnosticsCategory, LogLevel.None);
            }
            return builder;
        }

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });
        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(PlatformTelemetry.ActivitySourceNames)
                .AddAspNetCoreInstrumentation(options =>
                    // Probes and scrapes would drown the traces people look for.
                    options.Filter = context => !IsInfrastructurePath(context.Request.Path))
                .AddHttpClientInstrumentation())
            .UseOtlpExporter();

        return builder;
    }

    /// <summary>Whether telemetry has somewhere to go: <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, as Aspire and the OTLP exporter name it.</summary>
    public static bool IsOtlpExportConfigured(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);

        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c>, <c>/alive</c>, <c>/metrics</c> and the OpenAPI document with its UI,
    /// and turns unhandled errors into problem details. Health endpoints are mapped in every
    /// environment because the AppHost and Kubernetes probe them; the per-check report is shown
    /// only in Development.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodeProblems();
        app.UseInstanceHeader();
        app.UseDefaultSecurity();

        var detailed = app.Environment.IsDevelopment();
        app.MapHealthChecks(HealthEndpointPath, new HealthCheckOptions
        {
            ResponseWriter = (context, report) => HealthReportWriter.WriteAsync(context, report, detailed),
        }).DisableHttpMetrics();
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(LiveTag),
            ResponseWriter = (context, report) => HealthReportWriter.WriteAsync(context, report, detailed: false),
        }).DisableHttpMetrics();
        app.MapPrometheusScrapingEndpoint(MetricsEndpointPath).DisableHttpMetrics();

        app.MapOpenApi();
        app.MapScalarApiReference("/docs");

        return app;
    }

    private static bool IsInfrastructurePath(PathString path) =>
        path.StartsWithSegments(HealthEndpointPath)
        || path.StartsWithSegments(AlivenessEndpointPath)
        || path.StartsWithSegments(MetricsEndpointPath);
}
