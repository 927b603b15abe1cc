using System.Globalization;
using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Streaming.Selection;

public enum SelectorKind
{
    Best,
    Worst,
    BestVideo,
    WorstVideo,
    BestVideoAny,
    BestAudio,
    WorstAudio,
    BestAudioAny,
    FormatId,
}

/// <summary>A parsed expression: alternatives separated by <c>/</c>, tried in order.</summary>
public sealed record FormatExpression(IReadOnlyList<FormatAlternative> Alternatives);

/// <summary>One alternative: a term, or a merge of two (<c>bestvideo+bestaudio</c>).</summary>
public sealed record FormatAlternative(FormatTerm Primary, FormatTerm? Merge);

/// <summary>A selector with its filters: <c>best[height&lt;=720][ext=mp4]</c>.</summary>
public sealed record FormatTerm(SelectorKind Kind, string? FormatId, IReadOnlyList<FormatFilter> Filters);

/// <summary>One <c>[key op value]</c> filter; <c>?</c> after the operator also accepts formats where the value is unknown.</summary>
public sealed record FormatFilter(string Key, string Operator, string Value, bool AllowUnknown)
{
    private static readonly HashSet<string> NumericKeys = ["height", "width", "fps", "filesize", "tbr", "asr", "audio_channels"];

    public bool Matches(VideoFormat format)
    {
        if (NumericKeys.Contains(Key))
        {
            double? actual = Key switch
            {
                "height" => format.Height,
                "width" => format.Width,
                "fps" => format.Fps,
                "filesize" => format.Filesize,
                "tbr" => format.Bitrate / 1000.0,
                "asr" => format.AudioSampleRate,
                _ => format.AudioChannels,
            };
            if (actual is null)
            {
                return AllowUnknown;
            }
            var wanted = double.Parse(Value, CultureInfo.InvariantCulture);
            return Operator switch
            {
                "<" => actual < wanted,
                "<=" => actual <= wanted,
                ">" => actual > wanted,
                ">=" => actual >= wanted,
                "=" => actual == wanted,
                "!=" => actual != wanted,
                _ => false,
            };
        }

        string? text = Key switch
        {
            "ext" => format.Ext,
            "vcodec" => format.Vcodec,
            "acodec" => format.Acodec,
            "format_id" => format.FormatId,
            "protocol" => format.Protocol,
            _ => null,
        };
        if (text is null)
        {
            return AllowUnknown;
        }
        return Operator switch
        {
            "=" => string.Equals(text, Value, StringComparison.OrdinalIgnoreCase),
            "!=" => !string.Equals(text, Value, StringComparison.OrdinalIgnoreCase),
            "^=" => text.StartsWith(Value, StringComparison.OrdinalIgnoreCase),
            "$=" => text.EndsWith(Value, StringComparison.OrdinalIgnoreCase),
            "*=" => text.Contains(Value, StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
    }
}

/// <summary>
/// Parses selector expressions (a subset of yt-dlp's grammar, as the seed's clients sent them):
/// <code>
/// expression  := alternative ('/' alternative)*
/// alternative := term ('+' term)?
/// term        := selector ('[' key operator '?'? value ']')*
/// selector    := best | worst | bestvideo | worstvideo | bestaudio | worstaudio | b | w | bv | bv* | ba | ba* | wv | wa | &lt;format id&gt;
/// operator    := &lt; | &lt;= | &gt; | &gt;= | = | != | ^= | $= | *=
/// </code>
/// Errors name the character position. Size is bounded so a hostile expression costs nothing.
/// </summary>
public static class SelectorParser
{
    public const int MaxLength = 512;
    public const int MaxAlternatives = 16;
    public const int MaxFilters = 16;

    private static readonly string[] Keys = ["height", "width", "fps", "filesize", "tbr", "asr", "audio_channels", "ext", "vcodec", "acodec", "format_id", "protocol"];
    private static readonly string[] StringKeys = ["ext", "vcodec", "acodec", "format_id", "protocol"];
    private static readonly string[] Operators = ["<=", ">=", "!=", "^=", "$=", "*=", "<", ">", "="];

    public static FormatExpression Parse(string expression)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            throw new SelectorException("The format expression is empty.", 0);
        }
        if (expression.Length > MaxLength)
        {
            throw new SelectorException($"The format expression is longer than {MaxLength} characters.", MaxLength);
        }

        var position = 0;
        var alternatives = new List<FormatAlternative>();
        while (true)
        {
            var primary = ParseTerm(expression, ref position);
            FormatTerm? merge = null;
            if (position < expression.Length && expression[position] == '+')
            {
                position++;
                merge = ParseTerm(expression, ref position);
            }
            alternatives.Add(new FormatAlternative(primary, merge));
            if (alternatives.Count > MaxAlternatives)
            {
                throw new SelectorException($"More than {MaxAlternatives} alternatives.", position);
            }
            if (position == expression.Length)
            {
                return new FormatExpression(alternatives);
            }
            if (expression[position] != '/')
            {
                throw new SelectorException($"Expected '/', '+' or '[' at position {position}, found '{expression[position]}'.", position);
            }
            position++;
        }
    }

    private static FormatTerm ParseTerm(string text, ref int position)
    {
        var start = position;
        while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] is '*' or '-' or '_'))
        {
            position++;
        }
        var name = text[start..position];
        var (kind, formatId) = name switch
        {
            "best" or "b" => (SelectorKind.Best, null),
            "worst" or "w" => (SelectorKind.Worst, null),
            "bestvideo" or "bv" => (SelectorKind.BestVideo, null),
            "bv*" or "bestvideo*" => (SelectorKind.BestVideoAny, null),
            "worstvideo" or "wv" => (SelectorKind.WorstVideo, null),
            "bestaudio" or "ba" => (SelectorKind.BestAudio, null),
            "ba*" or "bestaudio*" => (SelectorKind.BestAudioAny, null),
            "worstaudio" or "wa" => (SelectorKind.WorstAudio, null),
            _ when name.Length is > 0 and <= 16 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') => (SelectorKind.FormatId, (string?)name),
            "" => throw new SelectorException($"Expected a selector such as 'best' at position {start}.", start),
            _ => throw new SelectorException($"Unknown selector '{name}' at position {start}.", start),
        };

        var filters = new List<FormatFilter>();
        while (position < text.Length && text[position] == '[')
        {
            var open = position++;
            var close = text.IndexOf(']', position);
            if (close < 0)
            {
                throw new SelectorException($"The filter opened at position {open} is never closed.", open);
            }
            filters.Add(ParseFilter(text[position..close], position));
            if (filters.Count > MaxFilters)
            {
                throw new SelectorException($"More than {MaxFilters} filters on one selector.", open);
            }
            position = close + 1;
        }
        return new FormatTerm(kind, formatId, filters);
    }

    private static FormatFilter ParseFilter(string body, int offset)
    {
        var key = Keys.FirstOrDefault(k => body.StartsWith(k, StringComparison.Ordinal))
                  ?? throw new SelectorException($"Unknown filter key at position {offset}; use one of: {string.Join(", ", Keys)}.", offset);
        var rest = body[key.Length..];
        var op = Operators.FirstOrDefault(o => rest.StartsWith(o, StringComparison.Ordinal))
                 ?? throw new SelectorException($"Expected an operator after '{key}' at position {offset + key.Length}.", offset + key.Length);
        var value = rest[op.Length..];
        var allowUnknown = value.StartsWith('?');
        if (allowUnknown)
        {
            value = value[1..];
        }
        var valueAt = offset + key.Length + op.Length + (allowUnknown ? 1 : 0);
        if (value.Length == 0)
        {
            throw new SelectorException($"Missing value at position {valueAt}.", valueAt);
        }

        var isString = StringKeys.Contains(key);
        var number = 0d;
        if (!isString && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out number))
        {
            throw new SelectorException($"'{key}' needs a number at position {valueAt}, found '{value}'.", valueAt);
        }
        if (!isString && (number < 0 || number > 1e15))
        {
            throw new SelectorException($"'{value}' at position {valueAt} is out of range.", valueAt);
        }
        if (isString && op is "<" or "<=" or ">" or ">=")
        {
            throw new SelectorException($"'{key}' compares text: use =, !=, ^=, $= or *= at position {offset + key.Length}.", offset + key.Length);
        }
        if (!isString && op is "^=" or "$=" or "*=")
        {
            throw new SelectorException($"'{key}' compares numbers: use <, <=, >, >=, = or != at position {offset + key.Length}.", offset + key.Length);
        }
        return new FormatFilter(key, op, value, allowUnknown);
    }
}
