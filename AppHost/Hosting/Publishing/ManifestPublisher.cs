using System.Text;
using System.Text.Json;

namespace Aspire.Hosting.Publishing;

/// <summary>
/// Writes <c>aspire-manifest.json</c> (schema aspire-8.0) in the shape Aspire 9.x writes and
/// azd and aspirate read: Redis as <c>container.v0</c> requiring its generated password, projects
/// as <c>project.v0</c> with environment and bindings expressed as <c>{resource.…}</c> references,
/// and parameters (secrets among them) as <c>parameter.v0</c> for the deployment tool to supply.
/// </summary>
public static class ManifestPublisher
{
    public const string SchemaUrl = "https://json.schemastore.org/aspire-8.0.json";

    /// <summary>Writes the manifest; a path not ending in <c>.json</c> is a directory. Returns the full file path.</summary>
    public static string Write(IEnumerable<IResource> resources, string outputPath)
    {
        var path = Path.GetFullPath(outputPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            ? outputPath
            : Path.Combine(outputPath, "aspire-manifest.json"));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, Render(resources, Path.GetDirectoryName(path)!), new UTF8Encoding(false));
        return path;
    }

    /// <summary>The manifest text; project paths are made relative to <paramref name="manifestDirectory"/>.</summary>
    public static string Render(IEnumerable<IResource> resources, string manifestDirectory)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("$schema", SchemaUrl);
            writer.WriteStartObject("resources");
            var declared = resources.ToList();
            // Parameters only referenced (a Redis' generated password) follow the declared resources.
            foreach (var resource in declared.Concat(ProjectEnvironment.Parameters(declared).Where(p => !declared.Contains(p))))
            {
                writer.WriteStartObject(resource.Name);
                switch (resource)
                {
                    case RedisResource redis:
                        WriteRedis(writer, redis);
                        break;
                    case ProjectResource project:
                        WriteProject(writer, project, manifestDirectory);
                        break;
                    case ParameterResource parameter:
                        WriteParameter(writer, parameter);
                        break;
                    default:
                        writer.WriteString("error", "This resource does not support generation in the manifest.");
                        break;
                }
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteRedis(Utf8JsonWriter writer, RedisResource redis)
    {
        writer.WriteString("type", "container.v0");
        writer.WriteString("connectionString", redis.ConnectionStringExpression);
        writer.WriteString("image", $"{RedisResource.Image}:{RedisResource.ImageTag}");
        if (redis.PasswordParameter is { } password)
        {
            writer.WriteStartArray("args");
            writer.WriteStringValue("--requirepass");
            writer.WriteStringValue(password.ValueExpression);
            writer.WriteEndArray();
        }
        WriteEnvironment(writer, ProjectEnvironment.FromAnnotations(redis, ExpressionResolver.Instance));
        WriteBindings(writer, redis.Endpoints);
    }

    private static void WriteProject(Utf8JsonWriter writer, ProjectResource project, string manifestDirectory)
    {
        writer.WriteString("type", "project.v0");
        writer.WriteString("path", Path.GetRelativePath(manifestDirectory, project.ProjectPath).Replace('\\', '/'));

        IEnumerable<KeyValuePair<string, string>> defaults =
        [
            new("OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY", "in_memory"),
            new("ASPNETCORE_FORWARDEDHEADERS_ENABLED", "true"),
            new("HTTP_PORTS", $"{{{project.Name}.bindings.http.targetPort}}"),
        ];
        WriteEnvironment(writer, defaults.Concat(ProjectEnvironment.FromAnnotations(project, ExpressionResolver.Instance)));
        WriteBindings(writer, project.Endpoints);
    }

    /// <summary>
    /// A parameter as azd and aspirate read it: the value is the single input, which they prompt
    /// for, or generate when a generated default is given.
    /// </summary>
    private static void WriteParameter(Utf8JsonWriter writer, ParameterResource parameter)
    {
        writer.WriteString("type", "parameter.v0");
        writer.WriteString("value", $"{{{parameter.Name}.inputs.value}}");
        writer.WriteStartObject("inputs");
        writer.WriteStartObject("value");
        writer.WriteString("type", "string");
        if (parameter.Secret)
        {
            writer.WriteBoolean("secret", true);
        }
        if (parameter.Default is { } defaultValue)
        {
            writer.WriteStartObject("default");
            defaultValue.WriteToManifest(writer);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteEnvironment(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, string>> environment)
    {
        var variables = environment.ToList();
        if (variables.Count == 0)
        {
            return;
        }
        writer.WriteStartObject("env");
        foreach (var (name, value) in variables)
        {
            writer.WriteString(name, value);
        }
        writer.WriteEndObject();
    }

    private static void WriteBindings(Utf8JsonWriter writer, IEnumerable<EndpointAnnotation> endpoints)
    {
        writer.WriteStartObject("bindings");
        foreach (var endpoint in endpoints)
        {
            writer.WriteStartObject(endpoint.Name);
            writer.WriteString("scheme", endpoint.Scheme);
            writer.WriteString("protocol", "tcp");
            writer.WriteString("transport", endpoint.IsHttp ? "http" : "tcp");
            if (endpoint.TargetPort is { } targetPort)
            {
                writer.WriteNumber("targetPort", targetPort);
            }
            if (endpoint.IsExternal)
            {
                writer.WriteBoolean("external", true);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    /// <summary>References as the manifest's expressions.</summary>
    private sealed class ExpressionResolver : IReferenceResolver
    {
        public static readonly ExpressionResolver Instance = new();

        public string? ConnectionString(IResourceWithConnectionString resource) => $"{{{resource.Name}.connectionString}}";

        public IReadOnlyList<string> EndpointUrls(IResourceWithServiceDiscovery resource, string endpointName) =>
            [$"{{{resource.Name}.bindings.{endpointName}.url}}"];

        public string ParameterValue(ParameterResource parameter) => parameter.ValueExpression;
    }
}
