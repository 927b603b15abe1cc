using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using VideoPlatform.Contracts;
using VideoPlatform.TestSupport;

namespace VideoPlatform.Metadata.Tests;

/// <summary>What metadata's <c>/openapi/v1.json</c> tells client authors about how each route fails.</summary>
public sealed class OpenApiDocumentTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    private const string Video = "/api/v2/videos/{platform}/{videoId}";

    [Fact]
    public async Task Every_operation_lists_its_problem_responses()
    {
        using var document = await ReadDocumentAsync();

        Assert.Empty(OpenApiProblems.MissingProblems(document));
    }

    [Fact]
    public async Task The_info_route_lists_a_dead_video_among_its_404s()
    {
        using var document = await ReadDocumentAsync();

        Assert.Contains(ErrorCodes.VideoUnavailable, OpenApiProblems.CodesOf(document, "get", Video, 404));
        Assert.Contains(ErrorCodes.VideoUnavailable, OpenApiProblems.CodesOf(document, "post", "/api/v2/videos/info", 404));
        Assert.Equal([ErrorCodes.UpstreamUnavailable, ErrorCodes.UpstreamThrottled, ErrorCodes.UpstreamRefused],
            OpenApiProblems.CodesOf(document, "get", Video, 503));
    }

    [Fact]
    public async Task A_route_lists_the_codes_of_what_it_checks_itself_beside_its_groups()
    {
        using var document = await ReadDocumentAsync();

        // The group's: a platform or id not understood; the route's own: a query that does not bind.
        Assert.Equal([ErrorCodes.UnsupportedPlatform, ErrorCodes.InvalidVideoId, ErrorCodes.InvalidRequest],
            OpenApiProblems.CodesOf(document, "get", Video + "/formats", 400));
        Assert.Equal([ErrorCodes.UnsupportedPlatform, ErrorCodes.InvalidVideoId], OpenApiProblems.CodesOf(document, "get", Video, 400));
        Assert.Contains(ErrorCodes.NotFound, OpenApiProblems.CodesOf(document, "get", Video + "/captions/{lang}", 404));
        Assert.DoesNotContain(ErrorCodes.NotFound, OpenApiProblems.CodesOf(document, "get", Video + "/captions", 404));
    }

    [Fact]
    public async Task Every_documented_code_is_a_code_of_the_platform_with_its_own_status()
    {
        using var document = await ReadDocumentAsync();

        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                foreach (var response in operation.Value.GetProperty("responses").EnumerateObject().Where(r => r.Name is not ("200" or "500")))
                {
                    var status = int.Parse(response.Name, System.Globalization.CultureInfo.InvariantCulture);
                    foreach (var code in OpenApiProblems.CodesOf(document, operation.Name, path.Name, status))
                    {
                        // upstream_unavailable is 502 by its code, 503 or 504 by how the dependency failed.
                        Assert.True(ErrorCodes.StatusOf(code) == status || code == ErrorCodes.UpstreamUnavailable && status is 503 or 504,
                            $"{operation.Name} {path.Name}: {code} under {status}");
                    }
                }
            }
        }
    }

    private async Task<JsonDocument> ReadDocumentAsync()
    {
        using var client = factory.CreateClient();
        return await OpenApiProblems.ReadDocumentAsync(client);
    }
}
