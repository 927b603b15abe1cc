using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using VideoPlatform.TestSupport;

namespace VideoPlatform.Metadata.Tests.Social;

/// <summary>
/// The metadata service over a fake Instagram media API that behaves as Instagram does with
/// sessions: a good <c>sessionid</c> gets the post, an expired one a redirect to the login page,
/// none a 401 <c>login_required</c>; the web client's app id is required.
/// </summary>
public abstract class MetadataOverFakeInstagram : MetadataOverFake<LoopbackServer>
{
    public const string ReelPk = "3250774235519529637";
    public const string PhotoPk = "3264976188174137714";

    protected LoopbackServer Instagram => Fake;

    private static string Fixture(string name) => FixtureFiles.Read("Social", name);

    protected override IEnumerable<KeyValuePair<string, string>> PointedAt(LoopbackServer fake) =>
        [new("Platforms:Instagram:ApiBaseUrl", new Uri(fake.Address, "/api/v1/").ToString())];

    protected override Task<LoopbackServer> StartFakeAsync() =>
        LoopbackServer.StartAsync(routes => routes.MapGet("/api/v1/media/{pk}/info/", (string pk, HttpRequest request) =>
        {
            if (request.Headers["X-IG-App-ID"] != "936619743392459")
            {
                return Results.Text("""{"message":"useragent mismatch","status":"fail"}""", "application/json", statusCode: 400);
            }
            var cookie = request.Headers.Cookie.ToString();
            if (cookie.Contains("sessionid=expired", StringComparison.Ordinal))
            {
                return Results.Redirect("https://www.instagram.com/accounts/login/?next=/api/v1/media/");
            }
            if (!cookie.Contains("sessionid=good", StringComparison.Ordinal))
            {
                return Results.Text("""{"message":"login_required","require_login":true,"status":"fail"}""", "application/json", statusCode: 401);
            }
            return pk switch
            {
                ReelPk => Results.Text(Fixture("instagram-media-info.json"), "application/json"),
                PhotoPk => Results.Text(Fixture("instagram-media-photo.json"), "application/json"),
                _ => Results.Text("""{"message":"Media not found or unavailable","status":"fail"}""", "application/json", statusCode: 404),
            };
        }));
}
