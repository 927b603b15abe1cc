using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Ties a service the AppHost started to the AppHost's life. The AppHost holds the write end of
/// the service's standard input and sets <c>APPHOST_LIFELINE=stdin</c>; when that input ends, the
/// AppHost is gone, however it went (a crash, a kill, an IDE's stop button), and the service shuts
/// down gracefully rather than living on with its port taken. Not active without the variable: a
/// container's closed stdin means nothing.
/// </summary>
internal sealed partial class AppHostLifeline(IHostApplicationLifetime lifetime, ILogger<AppHostLifeline> logger) : IHostedService
{
    public const string Variable = "APPHOST_LIFELINE";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // A blocking read on a thread of its own: console input cannot be read asynchronously
        // without tying up a pool thread, and a background thread never holds the process open.
        new Thread(Watch) { IsBackground = true, Name = "AppHost lifeline" }.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Watch()
    {
        try
        {
            using var input = Console.OpenStandardInput();
            var buffer = new byte[64];
            while (input.Read(buffer) > 0)
            {
                // Nothing is written on it; it matters only that it stays open.
            }
        }
        catch (IOException)
        {
            // Broken is as good as closed.
        }
        LogAppHostGone(logger);
        lifetime.StopApplication();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The AppHost that started this service is gone (its lifeline, standard input, closed); stopping")]
    private static partial void LogAppHostGone(ILogger logger);
}
