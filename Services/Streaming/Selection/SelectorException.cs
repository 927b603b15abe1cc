using VideoPlatform.Contracts;

namespace VideoPlatform.Streaming.Selection;

/// <summary>A selector expression that cannot be understood, with the position where it went wrong.</summary>
public sealed class SelectorException(string message, int position) : Exception(message)
{
    /// <summary>Zero-based character position in the expression.</summary>
    public int Position { get; } = position;

    /// <summary>How a caller hears of it: <c>invalid_request</c>, with the position as the problem's <c>position</c>.</summary>
    public ProblemException ToProblem() => new(ErrorCodes.InvalidRequest, $"Invalid format expression: {Message}", this)
    {
        Extensions = new Dictionary<string, object?> { ["position"] = Position },
    };
}
