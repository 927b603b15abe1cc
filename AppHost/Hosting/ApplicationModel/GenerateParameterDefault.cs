using System.Security.Cryptography;
using System.Text.Json;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A random value with Aspire's knobs (manifest <c>default.generate</c>): a minimum length, which
/// character classes may appear and how many of each must. Deployment tools generate it themselves;
/// a local run generates it once.
/// </summary>
public sealed class GenerateParameterDefault : ParameterDefault
{
    private const string LowerCharacters = "abcdefghijklmnopqrstuvwxyz";
    private const string UpperCharacters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string NumericCharacters = "0123456789";
    // Those that survive a connection string and a shell unquoted would be fewer; special
    // characters are opt-in for that reason (Redis' password turns them off).
    private const string SpecialCharacters = "-_.{}~()*+!?";

    public int MinLength { get; init; }

    public bool Lower { get; init; } = true;

    public bool Upper { get; init; } = true;

    public bool Numeric { get; init; } = true;

    public bool Special { get; init; } = true;

    public int MinLower { get; init; }

    public int MinUpper { get; init; }

    public int MinNumeric { get; init; }

    public int MinSpecial { get; init; }

    /// <summary>Only what differs from the defaults is written, as Aspire does.</summary>
    public override void WriteToManifest(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("generate");
        writer.WriteNumber("minLength", MinLength);
        WriteFlag("lower", Lower);
        WriteFlag("upper", Upper);
        WriteFlag("numeric", Numeric);
        WriteFlag("special", Special);
        WriteMinimum("minLower", MinLower);
        WriteMinimum("minUpper", MinUpper);
        WriteMinimum("minNumeric", MinNumeric);
        WriteMinimum("minSpecial", MinSpecial);
        writer.WriteEndObject();

        void WriteFlag(string name, bool value)
        {
            if (!value)
            {
                writer.WriteBoolean(name, false);
            }
        }

        void WriteMinimum(string name, int value)
        {
            if (value > 0)
            {
                writer.WriteNumber(name, value);
            }
        }
    }

    public override string GetDefaultValue()
    {
        var classes = new List<(string Characters, int Minimum)>();
        if (Lower) classes.Add((LowerCharacters, MinLower));
        if (Upper) classes.Add((UpperCharacters, MinUpper));
        if (Numeric) classes.Add((NumericCharacters, MinNumeric));
        if (Special) classes.Add((SpecialCharacters, MinSpecial));
        if (classes.Count == 0)
        {
            throw new InvalidOperationException("A generated parameter needs at least one character class.");
        }

        var characters = new List<char>();
        foreach (var (set, minimum) in classes)
        {
            characters.AddRange(Enumerable.Range(0, minimum).Select(_ => set[RandomNumberGenerator.GetInt32(set.Length)]));
        }
        var all = string.Concat(classes.Select(c => c.Characters));
        while (characters.Count < MinLength)
        {
            characters.Add(all[RandomNumberGenerator.GetInt32(all.Length)]);
        }
        // The required characters were added first; shuffle so they are not a readable prefix.
        var shuffled = characters.ToArray();
        RandomNumberGenerator.Shuffle(shuffled.AsSpan());
        return new string(shuffled);
    }
}
