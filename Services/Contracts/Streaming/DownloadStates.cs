namespace VideoPlatform.Contracts.Streaming;

/// <summary>States a download job goes through.</summary>
public static class DownloadStates
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
}
