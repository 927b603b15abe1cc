namespace VideoPlatform.Streaming.Selection;

/// <summary>A selector expression that cannot be understood, with the position where it went wrong.</summary>
public sealed class SelectorException(string message, int position) : Exception(message)
{
    /// <summary>Zero-based character position in the expression.</summary>
    public int Position { get; } = position;
}
