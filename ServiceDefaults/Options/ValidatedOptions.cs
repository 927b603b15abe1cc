using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

public static class ValidatedOptions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to configuration section <paramref name="section"/> and
    /// validates it when the service starts (DataAnnotations, and <see cref="IValidatableObject"/>
    /// for rules across values): a bad value stops the service with a message naming its full key
    /// (<c>Streaming:MaxConcurrentDownloads: The field … must be between 1 and 64.</c>).
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, string section) where TOptions : class
    {
        services.AddSingleton<IValidateOptions<TOptions>>(new SectionValidator<TOptions>(section));
        return services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
    }

    private sealed class SectionValidator<TOptions>(string section) : IValidateOptions<TOptions> where TOptions : class
    {
        public ValidateOptionsResult Validate(string? name, TOptions options)
        {
            var results = new List<ValidationResult>();
            if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
            {
                return ValidateOptionsResult.Success;
            }
            return ValidateOptionsResult.Fail(results.Select(result =>
                $"{KeysOf(result)}: {result.ErrorMessage}"));
        }

        private string KeysOf(ValidationResult result) =>
            result.MemberNames.Any() ? string.Join(", ", result.MemberNames.Select(member => $"{section}:{member}")) : section;
    }
}
