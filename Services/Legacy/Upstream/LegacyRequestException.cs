namespace VideoPlatform.Legacy.Upstream;

/// <summary>A legacy request that cannot be served as asked (missing URL, unsupported link…).</summary>
internal sealed class LegacyRequestException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
