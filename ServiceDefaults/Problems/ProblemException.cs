using VideoPlatform.Contracts;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The one way a request fails on purpose in every service: a stable <see cref="Code"/> from
/// <see cref="ErrorCodes"/> and a detail saying what happened, answered by
/// <see cref="ProblemExceptionHandler"/> as problem details with the code's status.
/// </summary>
public sealed class ProblemException(string code, string detail, Exception? inner = null) : Exception(detail, inner)
{
    public string Code { get; } = code;

    /// <summary>The status answered; the code's own unless a relayed answer carried another.</summary>
    public int Status { get; init; } = ErrorCodes.StatusOf(code);

    /// <summary>When asking again makes sense (<c>Retry-After</c>); the code's own by default.</summary>
    public int? RetryAfterSeconds { get; init; } = ErrorCodes.RetryAfterSeconds(code);

    /// <summary>Extra members of the problem (a parse position, a limit).</summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; init; }
}
