using System.Net.Http.Json;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Metadata.Tests.YouTube;

/// <summary>
/// <c>formats?fresh=true</c>, asked when a CDN refused a URL: held formats old enough are extracted
/// again — not taken from the held details, which carry the same URLs — and younger ones are
/// answered as they are, so refusals cannot make every request an extraction.
/// </summary>
public sealed class FormatsRefreshTests
{
    public sealed class Once_the_held_formats_are_old_enough : MetadataOverFakeYouTube
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
        {
            ["Metadata:Cache:RefreshAfter"] = "00:00:00",
        };

        [Fact]
        public async Task Fresh_formats_are_extracted_again_and_then_held()
        {
            // The details cached first: a refresh must not take its URLs from them.
            await Client.GetFromJsonAsync<VideoInfo>("/api/v2/videos/youtube/dQw4w9WgXcQ", ContractJson.Options);
            await Client.GetFromJsonAsync<FormatList>("/api/v2/videos/youtube/dQw4w9WgXcQ/formats", ContractJson.Options);
            Assert.Equal(1, YouTube.CallsFor("dQw4w9WgXcQ"));

            var fresh = await Client.GetFromJsonAsync<FormatList>("/api/v2/videos/youtube/dQw4w9WgXcQ/formats?fresh=true", ContractJson.Options);
            await Client.GetFromJsonAsync<FormatList>("/api/v2/videos/youtube/dQw4w9WgXcQ/formats", ContractJson.Options);

            Assert.NotEmpty(fresh!.Formats);
            Assert.Equal(2, YouTube.CallsFor("dQw4w9WgXcQ"));
        }

        [Fact]
        public async Task The_held_details_with_the_refused_urls_are_forgotten_with_them()
        {
            await Client.GetFromJsonAsync<VideoInfo>("/api/v2/videos/youtube/dQw4w9WgXcQ", ContractJson.Options);
            await Client.GetFromJsonAsync<FormatList>("/api/v2/videos/youtube/dQw4w9WgXcQ/formats?fresh=true", ContractJson.Options);
            Assert.Equal(2, YouTube.CallsFor("dQw4w9WgXcQ"));

            // Asked again, the details are extracted again rather than answered with the URLs refused.
            var details = await Client.GetFromJsonAsync<VideoInfo>("/api/v2/videos/youtube/dQw4w9WgXcQ", ContractJson.Options);
            await Client.GetFromJsonAsync<VideoInfo>("/api/v2/videos/youtube/dQw4w9WgXcQ", ContractJson.Options);

            Assert.NotEmpty(details!.Formats);
            Assert.Equal(3, YouTube.CallsFor("dQw4w9WgXcQ"));
        }
    }

    public sealed class While_the_held_formats_are_young : MetadataOverFakeYouTube
    {
        [Fact]
        public async Task Fresh_formats_are_the_held_ones()
        {
            var held = await Client.GetFromJsonAsync<FormatList>("/api/v2/videos/youtube/dQw4w9WgXcQ/formats", ContractJson.Options);

            // Default Metadata:Cache:RefreshAfter is 30 s.
            var fresh = await Client.GetFromJsonAsync<FormatList>("/api/v2/videos/youtube/dQw4w9WgXcQ/formats?fresh=true", ContractJson.Options);

            Assert.Equal(held!.Formats.Select(f => f.Url), fresh!.Formats.Select(f => f.Url));
            Assert.Equal(1, YouTube.CallsFor("dQw4w9WgXcQ"));
        }

        [Fact]
        public async Task A_fresh_that_is_not_a_boolean_is_a_bad_request_before_any_upstream_call()
        {
            using var response = await Client.GetAsync("/api/v2/videos/youtube/dQw4w9WgXcQ/formats?fresh=maybe");

            Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
            Assert.Equal(ErrorCodes.InvalidRequest, problem.GetProperty("code").GetString());
            Assert.Contains("fresh", problem.GetProperty("detail").GetString());
            Assert.Equal(0, YouTube.CallsFor("dQw4w9WgXcQ"));
        }
    }
}
