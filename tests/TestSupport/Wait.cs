namespace VideoPlatform.TestSupport;

/// <summary>
/// Waiting on a condition with a deadline, instead of sleeping. Each wait says what it awaited, so
/// that a timeout reads as the failure it is ("the job to end; last seen: …") rather than as a bare
/// cancellation. The deadline's token is handed to the probe, so a probe that hangs is cut short too.
/// </summary>
public static class Wait
{
    /// <summary>How long a wait lasts unless told otherwise: far above any healthy wait here, far below a hung run.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Waits until <paramref name="condition"/> holds.</summary>
    public static Task UntilAsync(string awaited, Func<bool> condition, TimeSpan? timeout = null) =>
        PollAsync(awaited, _ => Task.FromResult(condition()), held => held, timeout, CancellationToken.None);

    /// <summary>Waits until <paramref name="condition"/> answers true.</summary>
    public static Task UntilAsync(string awaited, Func<CancellationToken, Task<bool>> condition, TimeSpan? timeout = null) =>
        PollAsync(awaited, condition, held => held, timeout, CancellationToken.None);

    /// <summary>Waits until <paramref name="probe"/> returns a value, and returns it.</summary>
    public static Task<T> UntilAsync<T>(string awaited, Func<CancellationToken, Task<T?>> probe, TimeSpan? timeout = null) where T : class =>
        PollAsync(awaited, probe, value => value is not null, timeout, CancellationToken.None)!;

    /// <summary>Waits until what <paramref name="probe"/> returns satisfies <paramref name="done"/>, and returns it.</summary>
    public static Task<T> UntilAsync<T>(string awaited, Func<CancellationToken, Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null) =>
        PollAsync(awaited, probe, done, timeout, CancellationToken.None);

    /// <summary>
    /// Waits until <paramref name="probe"/> returns a value, and returns it; for a caller that owns its
    /// deadline (<paramref name="cancellationToken"/>), whose cancellation ends the wait as it is.
    /// </summary>
    public static Task<T> UntilAsync<T>(Func<Task<T?>> probe, CancellationToken cancellationToken) where T : class =>
        PollAsync("a value", _ => probe(), value => value is not null, Timeout.InfiniteTimeSpan, cancellationToken)!;

    private static async Task<T> PollAsync<T>(string awaited, Func<CancellationToken, Task<T>> probe, Func<T, bool> done, TimeSpan? timeout,
        CancellationToken cancellationToken)
    {
        var within = timeout ?? DefaultTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(within);
        var seen = "nothing yet";
        try
        {
            while (true)
            {
                var value = await probe(deadline.Token);
                if (done(value))
                {
                    return value;
                }
                seen = Describe(value);
                await Task.Delay(Interval, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(FormattableString.Invariant($"Waited {within.TotalSeconds:0.#} s for {awaited}, in vain; last seen: {seen}"));
        }
    }

    private static string Describe<T>(T value)
    {
        var text = value?.ToString() ?? "null";
        return text.Length <= 400 ? text : string.Concat(text.AsSpan(0, 400), "…");
    }
}
