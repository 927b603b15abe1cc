using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VideoPlatform.Contracts;
using VideoPlatform.TestSupport;

namespace VideoPlatform.ServiceDefaults.Tests;

/// <summary>The one error type, its handler, its OpenAPI description and validated options, on real Kestrel.</summary>
public sealed class ProblemTests
{
    [Fact]
    public async Task A_problem_exception_is_answered_with_its_code_status_and_retry_after()
    {
        await using var service = await TestService.StartAsync(map: app => app.MapGet("/throttled", string () =>
            throw new ProblemException(ErrorCodes.UpstreamThrottled, "YouTube is rate limiting this server.")
            {
                Extensions = new Dictionary<string, object?> { ["platform"] = "youtube" },
            }));

        using var response = await service.Client.GetAsync("/throttled");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("30", response.Headers.RetryAfter?.ToString());
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("upstream_throttled", problem.GetProperty("code").GetString());
        Assert.Equal("YouTube is rate limiting this server.", problem.GetProperty("detail").GetString());
        Assert.Equal("youtube", problem.GetProperty("platform").GetString());
    }

    [Fact]
    public async Task A_bodiless_error_gets_a_problem_body_and_a_written_one_is_left_alone()
    {
        await using var service = await TestService.StartAsync(map: app =>
        {
            app.MapGet("/bare", () => Results.StatusCode(StatusCodes.Status409Conflict));
            app.MapGet("/text", () => Results.Text("gone away", statusCode: StatusCodes.Status410Gone));
            app.MapGet("/only-get", () => "ok");
        });

        foreach (var (method, path, status) in new[]
                 {
                     (HttpMethod.Get, "/bare", HttpStatusCode.Conflict), (HttpMethod.Get, "/no-such-route", HttpStatusCode.NotFound),
                     (HttpMethod.Delete, "/only-get", HttpStatusCode.MethodNotAllowed),
                 })
        {
            using var response = await service.Client.SendAsync(new HttpRequestMessage(method, path));

            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
            Assert.Equal(path, problem.GetProperty("instance").GetString());
        }
        using var text = await service.Client.GetAsync("/text");
        Assert.Equal(HttpStatusCode.Gone, text.StatusCode);
        Assert.Equal("gone away", await text.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Kestrel_reuses_the_http_context_of_a_connection()
    {
        // Registering IHttpContextAccessor (as the internal-key handler once did) turns reuse off and
        // costs every request a new context, its request, response and items.
        var seen = new List<HttpContext>();
        await using var service = await TestService.StartAsync(map: app => app.MapGet("/context", (HttpContext context) =>
        {
            lock (seen)
            {
                seen.Add(context);
            }
            return "ok";
        }));

        for (var i = 0; i < 3; i++)
        {
            (await service.Client.GetAsync("/context")).EnsureSuccessStatusCode();
        }

        Assert.Equal(3, seen.Count);
        Assert.Single(seen.Distinct(ReferenceEqualityComparer.Instance));
    }

    [Fact]
    public void An_upstream_429_is_throttled_and_any_other_failure_unavailable()
    {
        using var throttled = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        using var broken = new HttpResponseMessage(HttpStatusCode.InternalServerError);
        using var fine = new HttpResponseMessage(HttpStatusCode.OK);

        var limit = Assert.Throws<ProblemException>(() => throttled.EnsureUpstreamAnswered("BiliBili"));
        var failure = Assert.Throws<ProblemException>(() => broken.EnsureUpstreamAnswered("BiliBili"));
        fine.EnsureUpstreamAnswered("BiliBili");

        Assert.Equal((ErrorCodes.UpstreamThrottled, 503), (limit.Code, limit.Status));
        Assert.Equal((ErrorCodes.UpstreamUnavailable, 502), (failure.Code, failure.Status));
        Assert.Equal("BiliBili answered 500.", failure.Message);
    }

    [Fact]
    public async Task The_openapi_document_lists_declared_problems_by_status_with_their_codes()
    {
        await using var service = await TestService.StartAsync(map: app =>
        {
            var videos = app.MapGroup("/videos").ProducesProblems(ErrorCodes.InvalidVideoId);
            videos.MapGet("/{id}", (string id) => id).ProducesProblems(ErrorCodes.VideoUnavailable, ErrorCodes.NotFound, ErrorCodes.UpstreamUnavailable);
            app.MapGet("/undeclared", () => "ok");
        });

        using var document = await OpenApiProblems.ReadDocumentAsync(service.Client);

        Assert.Equal(["GET /undeclared"], OpenApiProblems.MissingProblems(document));
        Assert.Equal(["video_unavailable", "not_found"], OpenApiProblems.CodesOf(document, "get", "/videos/{id}", 404));
        Assert.Equal(["invalid_video_id"], OpenApiProblems.CodesOf(document, "get", "/videos/{id}", 400));
        Assert.Equal(["rate_limited"], OpenApiProblems.CodesOf(document, "get", "/videos/{id}", 429));
        Assert.Equal(["unauthorized"], OpenApiProblems.CodesOf(document, "get", "/videos/{id}", 401));
        Assert.Equal(["forbidden"], OpenApiProblems.CodesOf(document, "get", "/videos/{id}", 403));
        foreach (var status in new[] { 502, 503, 504 })
        {
            Assert.Equal(["upstream_unavailable"], OpenApiProblems.CodesOf(document, "get", "/videos/{id}", status));
        }
        Assert.Empty(OpenApiProblems.CodesOf(document, "get", "/videos/{id}", 500));
    }

    [Fact]
    public async Task A_bad_option_stops_the_service_at_start_naming_its_key()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => TestService.StartAsync(
            new Dictionary<string, string?> { ["Sample:Limit"] = "0", ["Sample:Name"] = "" },
            configure: builder => builder.Services.AddValidatedOptions<SampleOptions>("Sample")));

        Assert.Contains("Sample:Limit: The field Limit must be between 1 and 10.", failure.Message);
        Assert.Contains("Sample:Name", failure.Message);
    }

    private sealed class SampleOptions
    {
        [Range(1, 10)]
        public int Limit { get; set; } = 5;

        [Required(AllowEmptyStrings = false)]
        public string Name { get; set; } = "sample";
    }
}
