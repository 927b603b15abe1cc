using System.Text.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting.Publishing;

namespace VideoPlatform.AppHost.Tests;

public sealed class ManifestTests
{
    [Fact]
    public async Task Committed_manifest_is_what_the_publisher_writes_for_the_apphost()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>();

        var expected = ManifestPublisher.Render(builder.Resources, RepositoryPaths.Root);
        var committed = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "aspire-manifest.json"));

        Assert.True(expected == committed,
            "aspire-manifest.json is out of date; regenerate it with: dotnet run --project AppHost -- --publisher manifest --output-path ../aspire-manifest.json");
    }

    [Fact]
    public async Task Manifest_expresses_references_the_way_azd_and_aspirate_read_them()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>();

        using var manifest = JsonDocument.Parse(ManifestPublisher.Render(builder.Resources, RepositoryPaths.Root));
        var resources = manifest.RootElement.GetProperty("resources");

        Assert.Equal("https://json.schemastore.org/aspire-8.0.json", manifest.RootElement.GetProperty("$schema").GetString());
        var cache = resources.GetProperty("cache");
        Assert.Equal("container.v0", cache.GetProperty("type").GetString());
        Assert.Equal(6379, cache.GetProperty("bindings").GetProperty("tcp").GetProperty("targetPort").GetInt32());

        var streaming = resources.GetProperty("streaming");
        Assert.Equal("project.v0", streaming.GetProperty("type").GetString());
        Assert.Equal("Services/Streaming/Streaming.csproj", streaming.GetProperty("path").GetString());
        var env = streaming.GetProperty("env");
        Assert.Equal("{cache.connectionString}", env.GetProperty("ConnectionStrings__cache").GetString());
        Assert.Equal("{metadata.bindings.http.url}", env.GetProperty("services__metadata__http__0").GetString());
        Assert.Equal("{streaming.bindings.http.targetPort}", env.GetProperty("HTTP_PORTS").GetString());

        var legacy = resources.GetProperty("legacy");
        Assert.True(legacy.GetProperty("bindings").GetProperty("http").GetProperty("external").GetBoolean());
        Assert.False(legacy.GetProperty("env").TryGetProperty("ConnectionStrings__cache", out _), "legacy does not reference the cache");
        Assert.False(legacy.GetProperty("bindings").GetProperty("http").TryGetProperty("targetPort", out _),
            "default project endpoints carry no targetPort, as Aspire writes them");
    }

    [Fact]
    public async Task Redis_requires_a_generated_password_parameter_written_as_aspire_writes_it()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>();

        var resources = JsonNode.Parse(ManifestPublisher.Render(builder.Resources, RepositoryPaths.Root))!["resources"]!;

        var cache = resources["cache"]!;
        Assert.Equal("{cache.bindings.tcp.host}:{cache.bindings.tcp.port},password={cache-password.value}", (string?)cache["connectionString"]);
        Assert.Equal(["--requirepass", "{cache-password.value}"], cache["args"]!.AsArray().Select(a => (string?)a));
        AssertJson("""
            {
              "type": "parameter.v0",
              "value": "{cache-password.inputs.value}",
              "inputs": { "value": { "type": "string", "secret": true, "default": { "generate": { "minLength": 22, "special": false } } } }
            }
            """, resources["cache-password"]!);
        // Referenced only, so listed after the declared resources, as Aspire orders them.
        Assert.Equal("cache-password", resources.AsObject().Last().Key);
    }

    [Fact]
    public async Task The_token_key_is_a_secret_parameter_given_to_streaming()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>();

        var resources = JsonNode.Parse(ManifestPublisher.Render(builder.Resources, RepositoryPaths.Root))!["resources"]!;

        Assert.Equal("{streaming-token-key.value}", (string?)resources["streaming"]!["env"]!["Streaming__TokenKey"]);
        AssertJson("""
            {
              "type": "parameter.v0",
              "value": "{streaming-token-key.inputs.value}",
              "inputs": { "value": { "type": "string", "secret": true, "default": { "generate": { "minLength": 32, "special": false } } } }
            }
            """, resources["streaming-token-key"]!);
        Assert.Null(resources["legacy"]!["env"]!["Streaming__TokenKey"]);
    }

    [Fact]
    public void A_parameter_without_default_is_one_the_deployment_tool_asks_for()
    {
        var parameter = new ParameterResource("api-key", secret: true);

        var resources = JsonNode.Parse(ManifestPublisher.Render([parameter], RepositoryPaths.Root))!["resources"]!;

        AssertJson("""
            { "type": "parameter.v0", "value": "{api-key.inputs.value}", "inputs": { "value": { "type": "string", "secret": true } } }
            """, resources["api-key"]!);
    }

    private static void AssertJson(string expected, JsonNode actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), actual.ToJsonString());

    [Fact]
    public void Output_path_without_json_extension_is_a_directory()
    {
        var directory = Directory.CreateTempSubdirectory();
        try
        {
            var written = ManifestPublisher.Write([new RedisResource("cache", null)], directory.FullName);

            Assert.Equal(Path.Combine(directory.FullName, "aspire-manifest.json"), written);
            Assert.Contains("\"container.v0\"", File.ReadAllText(written));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Publishing_through_the_apphost_entry_point_writes_the_file_and_starts_nothing()
    {
        var output = Path.Combine(Path.GetTempPath(), $"manifest-{Guid.NewGuid():N}.json");
        try
        {
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>(
                ["--publisher", "manifest", "--output-path", output]);
            await using var app = await builder.BuildAsync();

            await app.RunAsync();

            Assert.True(File.Exists(output));
            Assert.All(app.ResourceNotifications.Snapshots, s => Assert.Equal(KnownResourceStates.NotStarted, s.State));
        }
        finally
        {
            File.Delete(output);
        }
    }
}
