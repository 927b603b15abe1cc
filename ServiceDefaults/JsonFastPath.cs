using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Keeps a service's source-generated serializers on their fast path for the answers minimal APIs
/// write. System.Text.Json uses a type's generated <c>SerializeHandler</c> only when the options
/// carry no custom encoder and every resolver in their chain was generated for compatible options.
/// ASP.NET Core's HTTP options break both: they set the relaxed escaping encoder, and append its own
/// problem-details context, generated for the default options (camelCase, nulls written). A profile
/// of metadata's <c>/api/v2/platforms</c> spent a fifth of the request in the metadata-driven
/// converters instead. With this, answers escape non-ASCII and HTML-sensitive characters as
/// <c>\uXXXX</c>, as metadata's cached video answers (written with <c>ContractJson.Options</c>)
/// already did; problem details are written by the reflection resolver, under the same names
/// (their properties name themselves).
/// </summary>
public static class JsonFastPath
{
    private const string AspNetCoreProblemDetailsContext = "Microsoft.AspNetCore.Http.ProblemDetailsJsonContext";

    /// <summary>
    /// For services whose JSON options match their generated context (snake_case, nulls left out);
    /// call after <c>AddServiceDefaults</c>, whose problem details add the context this removes.
    /// </summary>
    public static IServiceCollection KeepJsonFastPath(this IServiceCollection services) =>
        services.PostConfigure<JsonOptions>(options =>
        {
            options.SerializerOptions.Encoder = null;
            Keep(options.SerializerOptions.TypeInfoResolverChain);
        });

    internal static void Keep(IList<IJsonTypeInfoResolver> chain)
    {
        // Without reflection (trimmed or AOT builds) the context is what writes problem details.
        if (!chain.Any(r => r is DefaultJsonTypeInfoResolver))
        {
            return;
        }
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            if (chain[i].GetType().FullName == AspNetCoreProblemDetailsContext)
            {
                chain.RemoveAt(i);
            }
        }
    }
}
