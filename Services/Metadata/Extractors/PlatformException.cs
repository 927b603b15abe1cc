using VideoPlatform.Contracts;

namespace VideoPlatform.Metadata.Extractors;

/// <summary>
/// An extraction outcome a caller should see as a problem-details answer with a stable
/// <see cref="Code"/> from <see cref="ErrorCodes"/>.
/// </summary>
public sealed class PlatformException(string code, string detail, Exception? inner = null) : Exception(detail, inner)
{
    public string Code { get; } = code;

    public int StatusCode => ErrorCodes.StatusOf(Code);
}
