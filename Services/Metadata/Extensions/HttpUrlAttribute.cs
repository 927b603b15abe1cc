using System.ComponentModel.DataAnnotations;

namespace VideoPlatform.Metadata.Extensions;

/// <summary>
/// An absolute http(s) address. Configuration binds any text to a <see cref="Uri"/>, a typo as a
/// relative one, which would only fail at the first request to the platform; this fails at start.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
internal sealed class HttpUrlAttribute() : ValidationAttribute("The field {0} must be an absolute http or https URL.")
{
    public override bool IsValid(object? value) =>
        value is null || value is Uri { IsAbsoluteUri: true, Scheme: "http" or "https" };
}
