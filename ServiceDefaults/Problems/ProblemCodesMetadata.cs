using Microsoft.AspNetCore.Builder;

namespace Microsoft.Extensions.Hosting;

/// <summary>The problem codes an endpoint can answer, for its OpenAPI description.</summary>
public sealed record ProblemCodesMetadata(IReadOnlyList<string> Codes);

public static class ProblemCodesConventions
{
    /// <summary>
    /// Declares the <see cref="VideoPlatform.Contracts.ErrorCodes"/> a route (or every route of a
    /// group) can answer; the OpenAPI document lists each with its status as
    /// <c>application/problem+json</c>, beside the security layer's <c>unauthorized</c> and
    /// <c>rate_limited</c> that every route can answer. Declare none for a route that fails only those ways.
    /// </summary>
    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, params string[] codes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ProblemCodesMetadata(codes));
}
