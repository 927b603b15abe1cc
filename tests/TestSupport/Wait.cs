namespace VideoPlatform.TestSupport;

/// <summary>Waiting on a condition with a deadline, instead of sleeping.</summary>
public static class Wait
{
    /// <summary>Polls <paramref name="probe"/> until it returns a value, which it then returns; cancelled at the deadline.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, CancellationToken cancellationToken) where T : class
    {
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }
}
