using System.Globalization;
using System.Text;

namespace VideoPlatform.Metadata.Extractors.Twitter;

/// <summary>
/// The <c>token</c> the syndication endpoint expects: <c>(id / 1e15 × π)</c> written in base 36
/// the way JavaScript's <c>Number.prototype.toString(36)</c> writes it, without zeros or the point.
/// </summary>
internal static class SyndicationToken
{
    private const string Digits = "0123456789abcdefghijklmnopqrstuvwxyz";

    public static string For(string tweetId)
    {
        var value = double.Parse(tweetId, CultureInfo.InvariantCulture) / 1e15 * Math.PI;
        return ToRadix36(value).Replace("0", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal);
    }

    /// <summary>
    /// Base-36 text of a non-negative double with as many fraction digits as the double's precision
    /// carries, rounding the last one half-to-even, as ECMAScript engines do for radix conversions.
    /// </summary>
    internal static string ToRadix36(double value)
    {
        const int radix = 36;
        var integer = Math.Floor(value);
        var fraction = value - integer;
        // Only as many fraction digits as the input's own precision justifies.
        var delta = Math.Max(0.5 * (Math.BitIncrement(value) - value), double.Epsilon);

        var fractionDigits = new StringBuilder();
        if (fraction >= delta)
        {
            do
            {
                fraction *= radix;
                delta *= radix;
                var digit = (int)fraction;
                fractionDigits.Append(Digits[digit]);
                fraction -= digit;
                if (fraction > 0.5 || (fraction == 0.5 && (digit & 1) == 1))
                {
                    if (fraction + delta > 1)
                    {
                        // Round up, carrying through digits already written.
                        while (true)
                        {
                            if (fractionDigits.Length == 0)
                            {
                                integer += 1;
                                break;
                            }
                            var last = Digits.IndexOf(fractionDigits[^1]);
                            fractionDigits.Length--;
                            if (last + 1 < radix)
                            {
                                fractionDigits.Append(Digits[last + 1]);
                                break;
                            }
                        }
                        break;
                    }
                }
            }
            while (fraction >= delta);
        }

        var integerDigits = new StringBuilder();
        do
        {
            var remainder = integer % radix;
            integerDigits.Insert(0, Digits[(int)remainder]);
            integer = (integer - remainder) / radix;
        }
        while (integer > 0);

        return fractionDigits.Length > 0 ? $"{integerDigits}.{fractionDigits}" : integerDigits.ToString();
    }
}
