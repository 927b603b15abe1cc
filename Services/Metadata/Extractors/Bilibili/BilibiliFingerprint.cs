using System.Globalization;
using System.Text;

namespace VideoPlatform.Metadata.Extractors.Bilibili;

/// <summary>
/// The fingerprint the web player adds to its play-URL requests (<c>dm_img_*</c>, <c>web_location</c>);
/// without it <c>x/player/wbi/playurl</c> answers HTTP 412. The player reports its WebGL version and
/// renderer base64-encoded with the last two characters cut, and a few screen and scroll metrics;
/// this process plays one such browser for its whole life, as a real session would.
/// </summary>
internal static class BilibiliFingerprint
{
    /// <summary>Where on the site the request comes from: the video page's player.</summary>
    public const string WebLocation = "1315873";

    private static readonly string[] Renderers =
    [
        "ANGLE (Intel, Intel(R) UHD Graphics 630 (0x00003E92) Direct3D11 vs_5_0 ps_5_0, D3D11)Google Inc. (Intel)",
        "ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 (0x00002503) Direct3D11 vs_5_0 ps_5_0, D3D11)Google Inc. (NVIDIA)",
        "ANGLE (AMD, AMD Radeon(TM) Graphics (0x00001638) Direct3D11 vs_5_0 ps_5_0, D3D11)Google Inc. (AMD)",
    ];

    /// <summary>The parameters, in the order the player sends them; they are signed with the rest.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Parameters { get; } = Create(Random.Shared);

    internal static IReadOnlyList<KeyValuePair<string, string>> Create(Random random)
    {
        var renderer = Renderers[random.Next(Renderers.Length)];
        var inter = string.Create(CultureInfo.InvariantCulture,
            $$"""{"ds":[],"wh":[{{random.Next(3000, 7000)}},{{random.Next(3000, 7000)}},{{random.Next(10, 120)}}],"of":[{{random.Next(100, 600)}},{{random.Next(200, 1200)}},{{random.Next(100, 600)}}]}""");
        return
        [
            new("web_location", WebLocation),
            new("dm_img_list", "[]"),
            new("dm_img_str", Cut("WebGL 1.0 (OpenGL ES 2.0 Chromium)")),
            new("dm_cover_img_str", Cut(renderer)),
            new("dm_img_inter", inter),
        ];
    }

    private static string Cut(string text)
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        return encoded[..^2];
    }
}
