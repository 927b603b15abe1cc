using System.Text.Json.Nodes;
using Aspire.Hosting.Publishing;
using NJsonSchema;

namespace VideoPlatform.AppHost.Tests;

/// <summary>
/// The manifest against the aspire-8.0 schema kept in the repository
/// (<c>AppHost/Hosting/Publishing/Schema/aspire-8.0.json</c>), offline: the committed manifest and
/// what the publisher writes validate; manifests broken the ways azd and aspirate would choke on do not.
/// </summary>
public sealed class ManifestSchemaTests
{
    private static readonly string SchemaPath = Path.Combine(RepositoryPaths.Root, "AppHost", "Hosting", "Publishing", "Schema", "aspire-8.0.json");

    private static Task<JsonSchema> SchemaAsync() => JsonSchema.FromFileAsync(SchemaPath);

    private static Task<string> CommittedAsync() => File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "aspire-manifest.json"));

    [Fact]
    public async Task The_committed_manifest_validates_against_the_aspire_8_schema()
    {
        var schema = await SchemaAsync();

        var errors = schema.Validate(await CommittedAsync());

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public async Task The_schema_is_the_one_the_manifest_names()
    {
        var schema = JsonNode.Parse(await File.ReadAllTextAsync(SchemaPath))!;

        Assert.Equal(ManifestPublisher.SchemaUrl, (string?)schema["$id"]);
        Assert.Equal("http://json-schema.org/draft-07/schema#", (string?)schema["$schema"]);
        Assert.Equal(ManifestPublisher.SchemaUrl, (string?)JsonNode.Parse(await CommittedAsync())!["$schema"]);
    }

    [Fact]
    public async Task A_parameter_without_a_default_and_extension_types_validate_too()
    {
        var schema = await SchemaAsync();
        var manifest = JsonNode.Parse(ManifestPublisher.Render([new ParameterResource("api-key", secret: true)], RepositoryPaths.Root))!;
        manifest["resources"]!["custom"] = JsonNode.Parse("""{ "type": "some.extension.v0", "anything": [1, 2] }""");

        Assert.Empty(schema.Validate(manifest.ToJsonString()));
    }

    public static TheoryData<string, string> Breakages => new()
    {
        { "a project without its path", """{ "type": "project.v0", "bindings": {} }""" },
        { "a container without an image", """{ "type": "container.v0", "args": ["--requirepass", "x"] }""" },
        { "a container with a field the type does not have", """{ "type": "container.v0", "image": "redis:7.4", "replicas": 2 }""" },
        { "a binding over an unknown protocol", """{ "type": "container.v0", "image": "redis:7.4", "bindings": { "tcp": { "scheme": "tcp", "protocol": "sctp", "transport": "tcp" } } }""" },
        { "a binding without its transport", """{ "type": "project.v0", "path": "a.csproj", "bindings": { "http": { "scheme": "http", "protocol": "tcp" } } }""" },
        { "an environment value that is not a string", """{ "type": "project.v0", "path": "a.csproj", "env": { "HTTP_PORTS": 8080 } }""" },
        { "a parameter input that is not a string", """{ "type": "parameter.v0", "value": "{p.inputs.value}", "inputs": { "value": { "type": "number" } } }""" },
        { "a parameter without inputs", """{ "type": "parameter.v0", "value": "{p.inputs.value}" }""" },
        { "a generated default without a length", """{ "type": "parameter.v0", "value": "{p.inputs.value}", "inputs": { "value": { "type": "string", "default": { "generate": { "special": false } } } } }""" },
        { "a resource without a type", """{ "image": "redis:7.4" }""" },
    };

    [Theory]
    [MemberData(nameof(Breakages))]
    public async Task A_broken_manifest_fails_validation(string breakage, string resource)
    {
        var schema = await SchemaAsync();
        var manifest = JsonNode.Parse(await CommittedAsync())!;
        manifest["resources"]!["broken"] = JsonNode.Parse(resource);

        var errors = schema.Validate(manifest.ToJsonString());

        Assert.True(errors.Count > 0, $"{breakage} passed validation");
        // The committed part stays valid: the error is the broken resource's.
        Assert.All(errors, e => Assert.Contains("broken", e.Path ?? e.ToString()));
    }

    [Fact]
    public async Task A_manifest_without_resources_fails_validation()
    {
        var schema = await SchemaAsync();

        Assert.NotEmpty(schema.Validate("""{ "$schema": "https://json.schemastore.org/aspire-8.0.json" }"""));
    }
}
