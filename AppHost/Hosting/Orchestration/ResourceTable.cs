using System.Text;

namespace Aspire.Hosting.Orchestration;

/// <summary>The table the AppHost prints once everything is up.</summary>
internal static class ResourceTable
{
    public static string Render(IEnumerable<ResourceSnapshot> snapshots)
    {
        var rows = snapshots.Select(s => new[]
        {
            s.Name,
            s.ResourceType,
            s.State,
            s.Health?.ToString() ?? "-",
            s.Urls.Count > 0 ? string.Join(" ", s.Urls) : s.ConnectionString ?? s.Message ?? "",
        }).ToList();
        string[] header = ["Resource", "Type", "State", "Health", "Endpoints"];
        var widths = Enumerable.Range(0, header.Length - 1)
            .Select(i => rows.Select(r => r[i].Length).Append(header[i].Length).Max())
            .ToArray();

        var text = new StringBuilder().AppendLine();
        foreach (var row in rows.Prepend(header))
        {
            for (var i = 0; i < widths.Length; i++)
            {
                text.Append(row[i].PadRight(widths[i] + 2));
            }
            text.AppendLine(row[^1]);
        }
        return text.ToString();
    }
}
