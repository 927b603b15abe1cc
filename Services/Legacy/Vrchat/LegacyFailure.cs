namespace VideoPlatform.Legacy.Vrchat;

/// <summary>A legacy request that cannot be served: the status and a short message a player or old client can show.</summary>
public sealed class LegacyFailure(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;
}
