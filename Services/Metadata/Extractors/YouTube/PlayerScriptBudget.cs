using Jint;

namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>
/// Statements and allocated bytes one entry into a player's engine may use. Unlike Jint's own
/// limits these change between the load of the player (the whole top-level code, hundreds of
/// megabytes) and each call afterwards (a few kilobytes), on the same engine. Jint resets it at
/// every entry.
/// </summary>
internal sealed class PlayerScriptBudget : Constraint
{
    private long _allocatedAtStart;
    private long _statements;

    public long MaxAllocatedBytes { get; set; }

    public long MaxStatements { get; set; }

    public override void Check()
    {
        if (++_statements > MaxStatements)
        {
            throw new PlayerScriptLimitException($"it ran more than {MaxStatements} statements");
        }
        // Checked every 1024 statements: the counter is cheap, the allocation total less so.
        if ((_statements & 1023) == 0 && GC.GetAllocatedBytesForCurrentThread() - _allocatedAtStart > MaxAllocatedBytes)
        {
            throw new PlayerScriptLimitException($"it allocated more than {MaxAllocatedBytes} bytes");
        }
    }

    public override void Reset()
    {
        _statements = 0;
        _allocatedAtStart = GC.GetAllocatedBytesForCurrentThread();
    }
}
