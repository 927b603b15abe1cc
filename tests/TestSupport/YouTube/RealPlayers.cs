using System.IO.Compression;
using System.Text.Json;

namespace VideoPlatform.TestSupport.YouTube;

/// <summary>
/// Real YouTube player scripts recorded by public projects (<c>Fixtures/YouTube/Players</c>, gzipped;
/// provenance in <c>Fixtures/README-youtube-players.md</c>) and what an independent solver answered
/// for them (<c>oracle.json</c>).
/// </summary>
public static class RealPlayers
{
    private static readonly string Folder = FixtureFiles.PathOf("YouTube", "Players");
    private static readonly Lazy<IReadOnlyDictionary<string, PlayerOracle>> Oracles = new(ReadOracles);
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Scripts = new();

    /// <summary>The player versions recorded, oldest first.</summary>
    public static IReadOnlyList<string> Versions { get; } = ["af7f576f", "6b3caec8", "6e20d3a8", "c9168c90", "20260210", "4918c89a"];

    /// <summary>The one the fake YouTube serves unless told otherwise (2026-01, signature timestamp 20472).</summary>
    public const string Default = "c9168c90";

    /// <summary>The script, unzipped once per process (every fake YouTube serves one).</summary>
    public static string Script(string version, string variant = "main") => Scripts.GetOrAdd($"{version}-{variant}", name =>
    {
        using var file = File.OpenRead(Path.Combine(Folder, $"{name}.js.gz"));
        using var unzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(unzip);
        return reader.ReadToEnd();
    });

    public static PlayerOracle Oracle(string version) => Oracles.Value[version];

    private static IReadOnlyDictionary<string, PlayerOracle> ReadOracles()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "oracle.json")));
        return document.RootElement.GetProperty("players").EnumerateArray().ToDictionary(
            p => p.GetProperty("version").GetString()!,
            p => new PlayerOracle(Pairs(p.GetProperty("n")), Pairs(p.GetProperty("sig"))));
    }

    private static Dictionary<string, string> Pairs(JsonElement element) =>
        element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
}
