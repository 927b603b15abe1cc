using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VideoPlatform.Metadata.Extractors;

/// <summary>
/// A JSON request body written out before the request is sent, so that it goes with a
/// Content-Length, as a browser's would, in the same write as the headers. <c>JsonContent</c>
/// writes while sending, chunked: several writes and a chunk framing for a few hundred bytes.
/// </summary>
internal static class JsonRequestContent
{
    public static HttpContent Create(JsonNode body)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            body.WriteTo(writer);
        }
        return new ReadOnlyMemoryContent(buffer.WrittenMemory)
        {
            Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } },
        };
    }
}
