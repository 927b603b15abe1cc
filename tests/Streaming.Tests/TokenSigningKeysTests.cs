using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VideoPlatform.Streaming.Downloads;
using VideoPlatform.Streaming.Signing;

namespace VideoPlatform.Streaming.Tests;

public sealed class TokenSigningKeysTests
{
    private static readonly Uri Segment = new("https://rr1---sn-x.googlevideo.com/seg1.ts");

    private static TokenSigningKeys Keys(string? tokenKey) => new(Options.Create(new StreamingOptions { TokenKey = tokenKey }));

    [Fact]
    public void Replicas_sharing_the_token_key_accept_each_others_segment_and_download_tokens()
    {
        var (first, second) = (Keys("shared-replica-key-0123456789"), Keys("shared-replica-key-0123456789"));

        var token = SignedTokens.Segments(first).Sign(Segment, new Dictionary<string, string>());

        Assert.Equal(Segment, SignedTokens.Segments(second).Verify(token).Url);
        Assert.Equal(new DownloadAccess(first).TokenFor("job1"), new DownloadAccess(second).TokenFor("job1"));
    }

    [Fact]
    public void Without_a_token_key_each_process_signs_with_its_own()
    {
        var (first, second) = (Keys(null), Keys(null));

        var token = SignedTokens.Segments(first).Sign(Segment, new Dictionary<string, string>());

        Assert.Equal(Segment, SignedTokens.Segments(first).Verify(token).Url);
        Assert.Throws<ProblemException>(() => SignedTokens.Segments(second).Verify(token));
        Assert.NotEqual(new DownloadAccess(first).TokenFor("job1"), new DownloadAccess(second).TokenFor("job1"));
    }

    [Fact]
    public void Each_kind_of_token_has_its_own_key()
    {
        var keys = Keys(null);

        Assert.Equal(keys.For("downloads"), keys.For("downloads"));
        Assert.NotEqual(keys.For("downloads"), keys.For("segments"));
    }
}
