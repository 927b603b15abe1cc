using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace VideoPlatform.ServiceDefaults.Tests;

public sealed class JsonFastPathTests
{
    [Fact]
    public async Task Answers_keep_their_shape_and_problem_details_are_still_written()
    {
        await using var service = await TestService.StartAsync(configure: builder =>
        {
            builder.Services.ConfigureHttpJsonOptions(options =>
            {
                options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
                options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
                options.SerializerOptions.TypeInfoResolverChain.Insert(0, SnakeCaseContext.Default);
            });
            builder.Services.KeepJsonFastPath();
        }, map: app =>
        {
            app.MapGet("/thing", () => TypedResults.Ok(new Thing("Élan <vital>", null)));
            app.MapGet("/count", (int count) => count);
        });
        var client = service.Client;

        // Snake case, nulls left out, and escaped as the default encoder escapes.
        Assert.Equal("{\"display_name\":\"\\u00C9lan \\u003Cvital\\u003E\"}", await client.GetStringAsync("/thing"));

        using var bad = await client.GetAsync("/count?count=many");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
    }
}

internal sealed record Thing(string DisplayName, string? Note);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Thing))]
internal sealed partial class SnakeCaseContext : JsonSerializerContext;
