using System.ComponentModel.DataAnnotations;

namespace VideoPlatform.Metadata.Extensions;

/// <summary>
/// DataAnnotations of an options class's nested settings (a list of client profiles, a section
/// within the section), which validating the options object alone does not look into.
/// </summary>
internal static class NestedOptions
{
    /// <summary>
    /// What is wrong with <paramref name="value"/>, each member named under <paramref name="key"/>
    /// as configuration names it (<c>PoToken:Timeout</c>, <c>Clients:0:ClientName</c>).
    /// </summary>
    public static IEnumerable<ValidationResult> Validate(object? value, string key)
    {
        if (value is null)
        {
            return [];
        }
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true);
        return results.Select(result => new ValidationResult(result.ErrorMessage,
            result.MemberNames.Any() ? [.. result.MemberNames.Select(member => $"{key}:{member}")] : [key]));
    }
}
