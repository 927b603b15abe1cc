using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Contracts.Streaming;

namespace VideoPlatform.Contracts;

/// <summary>
/// The one place that decides how contracts look on the wire: snake_case names, as the seed API
/// had them, nulls omitted. Source-generated for the hot paths, and written by the generated code
/// itself (its fast path) as long as the options add no converter: an enum a contract gains is
/// written as a string by the context's <c>UseStringEnumConverter</c>, not by a converter here.
/// </summary>
public static class ContractJson
{
    /// <summary>Options every service and Refit client uses for contract types.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Applies the contract conventions to options a framework owns (e.g. ASP.NET Core's).</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.PropertyNameCaseInsensitive = true;
        options.TypeInfoResolverChain.Insert(0, ContractJsonContext.Default);
    }

    private static JsonSerializerOptions CreateOptions()
    {
        // Reflection stays behind the source-generated context for types it does not list.
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        Configure(options);
        options.MakeReadOnly();
        return options;
    }
}

[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(PlatformList))]
[JsonSerializable(typeof(VideoInfo))]
[JsonSerializable(typeof(FormatList))]
[JsonSerializable(typeof(ResolvedUrl))]
[JsonSerializable(typeof(BatchInfoResponse))]
[JsonSerializable(typeof(VideoUrlRequest))]
[JsonSerializable(typeof(BatchInfoRequest))]
[JsonSerializable(typeof(StreamMetricsResponse))]
[JsonSerializable(typeof(ResolvedStream))]
[JsonSerializable(typeof(DownloadJob))]
[JsonSerializable(typeof(DownloadRequest))]
internal sealed partial class ContractJsonContext : JsonSerializerContext;
