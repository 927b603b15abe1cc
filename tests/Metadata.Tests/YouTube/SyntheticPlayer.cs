namespace VideoPlatform.Metadata.Tests.YouTube;

/// <summary>
/// The transforms of the fake's synthetic player (<c>Fixtures/YouTube/player-base.js</c>) written
/// again in C#, so that tests know the right answers without running any JavaScript.
/// </summary>
internal static class SyntheticPlayer
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    public static string Script { get; } = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "YouTube", "player-base.js"));

    /// <summary>The synthetic player's signature function: reverse, swap 33, splice 2, swap 50, reverse, splice 1, swap 7.</summary>
    public static string Signature(string scrambled)
    {
        var a = scrambled.ToList();
        a.Reverse();
        Swap(a, 33);
        a.RemoveRange(0, 2);
        Swap(a, 50);
        a.Reverse();
        a.RemoveRange(0, 1);
        Swap(a, 7);
        return string.Concat(a);
    }

    /// <summary>The synthetic player's n function: rotate right by 3, reverse, swap 5, then every character 7 places on in its alphabet.</summary>
    public static string N(string n)
    {
        var b = n.ToList();
        for (var i = 0; i < 3; i++)
        {
            b.Insert(0, b[^1]);
            b.RemoveAt(b.Count - 1);
        }
        b.Reverse();
        Swap(b, 5);
        return string.Concat(b.Select(c => Alphabet.IndexOf(c, StringComparison.Ordinal) is >= 0 and var i ? Alphabet[(i + 7) % Alphabet.Length] : c));
    }

    private static void Swap(List<char> a, int n) => (a[0], a[n % a.Count]) = (a[n % a.Count], a[0]);
}
