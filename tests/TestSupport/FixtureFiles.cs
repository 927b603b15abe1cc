namespace VideoPlatform.TestSupport;

/// <summary>
/// The recorded fixtures of <c>tests/TestSupport/Fixtures/</c>, as every project referencing
/// TestSupport has them copied beside its assembly.
/// </summary>
public static class FixtureFiles
{
    /// <summary>A fixture file or folder, e.g. <c>PathOf("YouTube", "player.json")</c>.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);

    public static string Read(params string[] parts) => File.ReadAllText(PathOf(parts));
}
