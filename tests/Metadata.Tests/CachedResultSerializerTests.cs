using System.Buffers;
using System.Text;
using System.Text.Json;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Metadata.Caching;

namespace VideoPlatform.Metadata.Tests;

public sealed class CachedResultSerializerTests
{
    private static readonly CachedResultSerializer<VideoInfo> Serializer = new();

    private static byte[] Write(CachedResult<VideoInfo> entry)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Serializer.Serialize(entry, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private static CachedResult<VideoInfo> Read(string json) => Serializer.Deserialize(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void A_value_is_held_in_its_contract_json_and_read_back_with_those_bytes()
    {
        var video = new VideoInfo
        {
            Id = "dQw4w9WgXcQ",
            Platform = "youtube",
            Title = "Never \"Gonna\" Give You Up",
            Duration = 212.5,
            Formats = [new VideoFormat { FormatId = "18", Url = "https://cdn.example/v?a=1&b=2", Ext = "mp4" }],
        };
        var cachedAt = new DateTimeOffset(2026, 12, 1, 21, 0, 0, TimeSpan.Zero);

        var held = Write(new CachedResult<VideoInfo>(video, null, null, cachedAt));
        var contract = JsonSerializer.Serialize(video, ContractJson.Options);
        var read = Serializer.Deserialize(new ReadOnlySequence<byte>(held));

        Assert.Equal("{\"value\":" + contract + ",\"cached_at\":\"2026-12-01T21:00:00+00:00\"}", Encoding.UTF8.GetString(held));
        Assert.Equal(video.Title, read.Value!.Title);
        Assert.Equal(video.Formats[0].Url, Assert.Single(read.Value.Formats).Url);
        Assert.Equal(cachedAt, read.CachedAt);
        Assert.False(read.IsUnreadable);
        // What a request for it is answered with: the bytes Redis held, not a new serialisation.
        Assert.Equal(contract, Encoding.UTF8.GetString(ContractBytes.Of(read.Value)));
    }

    [Fact]
    public void A_remembered_failure_round_trips_without_a_value()
    {
        var entry = new CachedResult<VideoInfo>(null, ErrorCodes.VideoPrivate, "This video is private.", DateTimeOffset.UnixEpoch);

        var read = Serializer.Deserialize(new ReadOnlySequence<byte>(Write(entry)));

        Assert.Null(read.Value);
        Assert.Equal(ErrorCodes.VideoPrivate, read.ErrorCode);
        Assert.Equal("This video is private.", read.ErrorDetail);
        Assert.Equal(DateTimeOffset.UnixEpoch, read.CachedAt);
        Assert.False(read.IsUnreadable);
    }

    [Theory]
    [InlineData("""{"Value":{"Id":"dQw4w9WgXcQ","Platform":"youtube","Title":"t"},"ErrorCode":null,"ErrorDetail":null,"CachedAt":"2026-12-01T21:00:00+00:00"}""")]
    [InlineData("""{"value":{"id":"dQw4w9WgXcQ","platform":"youtube","title":"t"}}""")]
    [InlineData("""{"cached_at":"2026-12-01T21:00:00+00:00"}""")]
    [InlineData("""{"error_code":42,"cached_at":"2026-12-01T21:00:00+00:00"}""")]
    [InlineData("""{"value":{"id":"dQw4w9WgXcQ","platform":"youtube","title":"t"},"cached_at":"yesterday"}""")]
    [InlineData("""{"value":{"id":""")]
    [InlineData("not json")]
    [InlineData("[]")]
    public void An_entry_in_another_form_reads_as_unreadable_not_as_an_exception(string held) =>
        Assert.True(Read(held).IsUnreadable);
}
