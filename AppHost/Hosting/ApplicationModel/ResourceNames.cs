using System.Text.RegularExpressions;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>Resource names follow Aspire's rule: letters, digits and hyphens, starting with a letter.</summary>
internal static partial class ResourceNames
{
    public static string Validate(string name)
    {
        if (!ValidName().IsMatch(name))
        {
            throw new ArgumentException(
                $"Resource name '{name}' is invalid: use ASCII letters, digits and hyphens, starting with a letter, at most 64 characters.",
                nameof(name));
        }
        return name;
    }

    [GeneratedRegex("^[a-zA-Z](?:[a-zA-Z0-9]|-(?!-)){0,63}$")]
    private static partial Regex ValidName();
}
