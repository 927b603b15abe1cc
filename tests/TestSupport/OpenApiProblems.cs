using System.Text.Json;

namespace VideoPlatform.TestSupport;

/// <summary>Reads a service's OpenAPI document for what its operations say about failing.</summary>
public static class OpenApiProblems
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    /// <summary>The OpenAPI document a service of the platform serves (ServiceDefaults maps it at <c>/openapi/v1.json</c>).</summary>
    public static async Task<JsonDocument> ReadDocumentAsync(HttpClient client) =>
        JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));

    /// <summary>The operations (<c>GET /path</c>) that list no <c>application/problem+json</c> response.</summary>
    public static IReadOnlyList<string> MissingProblems(JsonDocument document) =>
        Operations(document)
            .Where(operation => !ProblemStatuses(operation.Body).Any())
            .Select(operation => operation.Name)
            .ToList();

    /// <summary>The <c>code</c> values an operation documents for a status.</summary>
    public static IReadOnlyList<string> CodesOf(JsonDocument document, string method, string path, int status)
    {
        var operation = document.RootElement.GetProperty("paths").GetProperty(path).GetProperty(method.ToLowerInvariant());
        var schema = operation.GetProperty("responses").GetProperty(status.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .GetProperty("content").GetProperty("application/problem+json").GetProperty("schema");
        return schema.GetProperty("properties").GetProperty("code").TryGetProperty("enum", out var codes)
            ? codes.EnumerateArray().Select(code => code.GetString()!).ToList()
            : [];
    }

    private static IEnumerable<(string Name, JsonElement Body)> Operations(JsonDocument document)
    {
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject().Where(member => Methods.Contains(member.Name)))
            {
                yield return ($"{method.Name.ToUpperInvariant()} {path.Name}", method.Value);
            }
        }
    }

    private static IEnumerable<string> ProblemStatuses(JsonElement operation) =>
        operation.TryGetProperty("responses", out var responses)
            ? responses.EnumerateObject()
                .Where(response => response.Name.Length == 3 && response.Name[0] is '4' or '5')
                .Where(response => response.Value.TryGetProperty("content", out var content) && content.TryGetProperty("application/problem+json", out _))
                .Select(response => response.Name)
            : [];
}
