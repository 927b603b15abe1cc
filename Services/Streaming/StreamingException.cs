using VideoPlatform.Contracts;

namespace VideoPlatform.Streaming;

/// <summary>A request the streaming service answers with a problem: a stable code from <see cref="ErrorCodes"/> and its status.</summary>
public sealed class StreamingException(string code, string detail, int? status = null) : Exception(detail)
{
    public string Code { get; } = code;

    public int StatusCode { get; } = status ?? ErrorCodes.StatusOf(code);
}
