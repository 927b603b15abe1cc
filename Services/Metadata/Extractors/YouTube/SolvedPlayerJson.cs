using System.Text.Json.Serialization;

namespace VideoPlatform.Metadata.Extractors.YouTube;

[JsonSerializable(typeof(SolvedPlayer))]
internal sealed partial class SolvedPlayerJson : JsonSerializerContext;
