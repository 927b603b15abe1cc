using System.Text.Json.Nodes;
using NJsonSchema;

namespace VideoPlatform.AppHost.Tests;

/// <summary>
/// The committed <c>aspire-manifest.json</c> is what Aspire's own manifest publisher writes for the
/// AppHost today (what azd reads), and it validates against the aspire-8.0 schema.
/// </summary>
public sealed class ManifestTests
{
    [Fact]
    public async Task The_committed_manifest_is_the_publishers_output_for_the_apphost()
    {
        // Beside the committed one, so that the projects' relative paths come out the same.
        var written = Path.Combine(RepositoryPaths.Root, $"aspire-manifest.{Guid.NewGuid():N}.json");
        try
        {
            await AppHostCommand.RunAsync("--publisher", "manifest", "--output-path", written);

            var expected = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "aspire-manifest.json"));
            Assert.True(expected == await File.ReadAllTextAsync(written),
                "aspire-manifest.json is out of date: dotnet run --project AppHost -- --publisher manifest --output-path ../aspire-manifest.json");
        }
        finally
        {
            File.Delete(written);
        }
    }

    [Fact]
    public async Task The_manifest_is_valid_against_the_aspire_8_schema_with_secret_generated_parameters()
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "Schema", "aspire-8.0.json"));
        var text = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "aspire-manifest.json"));

        Assert.Empty(schema.Validate(text));
        var resources = JsonNode.Parse(text)!["resources"]!;
        Assert.Equal("container.v0", (string?)resources["cache"]!["type"]);
        foreach (var parameter in new[] { "cache-password", "internal-api-key", "streaming-token-key" })
        {
            var input = resources[parameter]!["inputs"]!["value"]!;
            Assert.True((bool)input["secret"]!);
            Assert.NotNull(input["default"]!["generate"]);
        }
        Assert.Equal("{streaming-token-key.value}", (string?)resources["streaming"]!["env"]!["Streaming__TokenKey"]);
        Assert.Equal("{metadata.bindings.http.url}", (string?)resources["legacy"]!["env"]!["services__metadata__http__0"]);
        Assert.All(new[] { "metadata", "streaming", "legacy" },
            service => Assert.Equal("{internal-api-key.value}", (string?)resources[service]!["env"]!["Security__InternalApiKey"]));
    }
}
