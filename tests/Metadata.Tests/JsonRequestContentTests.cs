using System.Text.Json.Nodes;
using VideoPlatform.Metadata.Extractors;

namespace VideoPlatform.Metadata.Tests;

public sealed class JsonRequestContentTests
{
    [Fact]
    public async Task A_body_is_sent_with_its_length_known_not_chunked()
    {
        using var content = JsonRequestContent.Create(new JsonObject { ["videoId"] = "dQw4w9WgXcQ", ["context"] = new JsonObject { ["client"] = new JsonObject { ["clientName"] = "WEB", ["hl"] = "é" } } });

        var sent = await content.ReadAsByteArrayAsync();

        Assert.Equal(sent.Length, content.Headers.ContentLength);
        Assert.Equal("application/json; charset=utf-8", content.Headers.ContentType?.ToString());
        var parsed = JsonNode.Parse(sent)!;
        Assert.Equal("dQw4w9WgXcQ", parsed["videoId"]!.GetValue<string>());
        Assert.Equal("é", parsed["context"]!["client"]!["hl"]!.GetValue<string>());
    }
}
