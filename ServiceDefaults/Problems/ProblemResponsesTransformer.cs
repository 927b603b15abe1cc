using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;
using VideoPlatform.Contracts;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Writes the problems an operation declared (<see cref="ProblemCodesConventions.ProducesProblems"/>)
/// into its OpenAPI responses: one response per status, <c>application/problem+json</c>, with the
/// codes of that status as the <c>code</c> enum, so client authors can switch on them.
/// </summary>
internal sealed class ProblemResponsesTransformer : IOpenApiOperationTransformer
{
    private const string ProblemJson = "application/problem+json";

    // The security layer answers these on every route (when keys, limits or address lists are configured).
    private static readonly string[] EveryRoute = [ErrorCodes.Unauthorized, ErrorCodes.Forbidden, ErrorCodes.RateLimited];

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var declared = context.Description.ActionDescriptor.EndpointMetadata.OfType<ProblemCodesMetadata>().ToList();
        if (declared.Count == 0)
        {
            // Undeclared stays visibly undeclared: the services' OpenAPI tests look for exactly this.
            return Task.CompletedTask;
        }

        // Unexpected failures are a 500 problem without a stable code.
        var byStatus = new SortedDictionary<int, List<string>> { [StatusCodes.Status500InternalServerError] = [] };
        foreach (var code in declared.SelectMany(metadata => metadata.Codes).Concat(EveryRoute).Distinct())
        {
            foreach (var status in StatusesOf(code))
            {
                (byStatus.TryGetValue(status, out var codes) ? codes : byStatus[status] = []).Add(code);
            }
        }

        operation.Responses ??= [];
        foreach (var (status, codes) in byStatus)
        {
            var key = status.ToString(CultureInfo.InvariantCulture);
            var response = operation.Responses.TryGetValue(key, out var existing) && existing is OpenApiResponse known
                ? known
                : new OpenApiResponse { Description = ReasonPhrases.GetReasonPhrase(status) };
            response.Content ??= new Dictionary<string, OpenApiMediaType>();
            response.Content[ProblemJson] = new OpenApiMediaType { Schema = Problem(codes) };
            operation.Responses[key] = response;
        }
        return Task.CompletedTask;
    }

    /// <summary>A dependency's failure is a 502, 503 or 504 by how it failed; every other code has one status.</summary>
    private static IEnumerable<int> StatusesOf(string code) =>
        code == ErrorCodes.UpstreamUnavailable ? [502, 503, 504] : [ErrorCodes.StatusOf(code)];

    private static OpenApiSchema Problem(IReadOnlyList<string> codes)
    {
        var code = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Stable error code; switch on this, not on the text." };
        if (codes.Count > 0)
        {
            code.Enum = codes.Select(value => (JsonNode)JsonValue.Create(value)).ToList();
        }
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "RFC 9457 problem details with the platform's stable code.",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "What went wrong, in words for people." },
                ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["code"] = code,
                ["trace_id"] = new OpenApiSchema { Type = JsonSchemaType.String },
            },
            Required = codes.Count > 0 ? new HashSet<string> { "status", "code" } : new HashSet<string> { "status" },
        };
    }
}
