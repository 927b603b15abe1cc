using System.Text.Json;

namespace Aspire.Hosting;

/// <summary>Reads the port of a project's first http <c>applicationUrl</c>, as Aspire does.</summary>
internal static class LaunchProfile
{
    public static int? HttpPort(string projectPath)
    {
        var file = Path.Combine(Path.GetDirectoryName(projectPath)!, "Properties", "launchSettings.json");
        if (!File.Exists(file))
        {
            return null;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        if (!document.RootElement.TryGetProperty("profiles", out var profiles))
        {
            return null;
        }

        foreach (var profile in profiles.EnumerateObject())
        {
            if (profile.Value.TryGetProperty("applicationUrl", out var urls) && urls.GetString() is { } value)
            {
                foreach (var url in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == "http")
                    {
                        return uri.Port;
                    }
                }
            }
        }
        return null;
    }
}
