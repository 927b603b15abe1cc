namespace VideoPlatform.Streaming.Proxy;

/// <summary>How a proxied body copy ended, and which side ended it when it did not complete.</summary>
public enum BodyCopyOutcome
{
    /// <summary>Every byte upstream sent reached the client.</summary>
    Completed,

    /// <summary>Upstream failed mid-body: the connection broke or the body ended short of its length.</summary>
    UpstreamFailed,

    /// <summary>Upstream sent nothing for longer than <see cref="StreamingOptions.BodyIdleTimeout"/>.</summary>
    UpstreamIdle,

    /// <summary>The client went away (its request was aborted).</summary>
    ClientLeft,

    /// <summary>Writing to the client failed.</summary>
    ClientFailed,

    /// <summary>The client took nothing for longer than <see cref="StreamingOptions.BodyIdleTimeout"/>.</summary>
    ClientIdle,
}
