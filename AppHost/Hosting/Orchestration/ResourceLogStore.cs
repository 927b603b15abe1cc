using System.Collections.Concurrent;

namespace Aspire.Hosting.Orchestration;

/// <summary>One line a resource wrote to stdout or stderr.</summary>
public sealed record LogLine(string Resource, DateTimeOffset Timestamp, string Text, bool IsError);

/// <summary>
/// Keeps the most recent console lines of each resource (bounded, so a chatty service cannot
/// exhaust memory), echoes them to the AppHost console prefixed with the resource name when
/// asked to, and tells subscribers about each new line.
/// </summary>
public sealed class ResourceLogStore(int capacityPerResource, bool echoToConsole, TimeProvider time)
{
    private static readonly string[] Colors = ["\u001b[36m", "\u001b[35m", "\u001b[33m", "\u001b[32m", "\u001b[34m", "\u001b[91m"];
    private readonly ConcurrentDictionary<string, Queue<LogLine>> _lines = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string> _colors = new(StringComparer.OrdinalIgnoreCase);
    private readonly bool _ansi = !Console.IsOutputRedirected;

    /// <summary>Raised after each line is stored.</summary>
    public event Action<LogLine>? LineWritten;

    public void Write(string resource, string text, bool isError = false)
    {
        var line = new LogLine(resource, time.GetUtcNow(), text, isError);
        var queue = _lines.GetOrAdd(resource, _ => new Queue<LogLine>());
        lock (queue)
        {
            if (queue.Count == capacityPerResource)
            {
                queue.Dequeue();
            }
            queue.Enqueue(line);
        }

        if (echoToConsole)
        {
            var prefix = _ansi
                ? $"{_colors.GetOrAdd(resource, _ => Colors[_colors.Count % Colors.Length])}[{resource}]\u001b[0m"
                : $"[{resource}]";
            Console.Out.WriteLine($"{prefix} {text}");
        }
        LineWritten?.Invoke(line);
    }

    /// <summary>The last <paramref name="count"/> lines of a resource, oldest first.</summary>
    public IReadOnlyList<LogLine> Tail(string resource, int count = int.MaxValue)
    {
        if (!_lines.TryGetValue(resource, out var queue))
        {
            return [];
        }
        lock (queue)
        {
            return queue.Skip(Math.Max(0, queue.Count - count)).ToList();
        }
    }
}
