using System.ComponentModel.DataAnnotations;

namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>
/// One InnerTube client YouTube knows, as data, so that swapping clients when YouTube changes is a
/// configuration change (<c>Platforms:YouTube:Clients</c>), not a release.
/// </summary>
public sealed record InnerTubeClientProfile
{
    /// <summary>Our name for it, e.g. <c>visionos</c>.</summary>
    [Required]
    public string Name { get; init; } = "";

    /// <summary><c>context.client.clientName</c>, e.g. <c>VISIONOS</c>.</summary>
    [Required]
    public string ClientName { get; init; } = "";

    /// <summary>The numeric id YouTube expects in <c>X-YouTube-Client-Name</c>.</summary>
    [Range(1, int.MaxValue)]
    public int ClientId { get; init; }

    [Required]
    public string ClientVersion { get; init; } = "";

    public string? UserAgent { get; init; }

    public string? DeviceMake { get; init; }

    public string? DeviceModel { get; init; }

    public string? OsName { get; init; }

    public string? OsVersion { get; init; }

    public string? Platform { get; init; }

    public int? AndroidSdkVersion { get; init; }

    /// <summary><c>player</c> (<c>/youtubei/v1/player</c>) or <c>reel</c> (<c>/youtubei/v1/reel/reel_item_watch</c>, whose nested player response carries the muxed itag 18).</summary>
    [AllowedValues("player", "reel")]
    public string Endpoint { get; init; } = "player";

    /// <summary>
    /// This client's URLs carry an <c>n</c> challenge and may be ciphered: it is sent the player's
    /// signature timestamp, and its formats go through the player's transforms.
    /// </summary>
    public bool NeedsPlayerJs { get; init; }

    /// <summary><c>context.thirdParty.embedUrl</c>, for the embedded-player clients.</summary>
    public string? EmbedUrl { get; init; }

    /// <summary>Ask this client only for the muxed formats the earlier ones lacked.</summary>
    public bool MuxedOnly { get; init; }

    /// <summary>
    /// The protocols (<c>https</c> for plain files, <c>hls</c>, <c>dash</c>) whose URLs YouTube
    /// refuses from this client without a PO token. Without a token such formats are never handed
    /// out, and a client left with nothing to offer is not asked at all.
    /// </summary>
    public List<string> PoTokenProtocols { get; init; } = [];

    /// <summary>Whether it plays made-for-kids videos: after a refusal that may mean one, the clients that do not are passed over.</summary>
    public bool ServesMadeForKids { get; init; }

    /// <summary>Send the visitor data of <c>/youtubei/v1/visitor_id</c> in the context and as <c>X-Goog-Visitor-Id</c>.</summary>
    public bool SendsVisitorData { get; init; }

    public bool NeedsPoTokenFor(string protocol) => PoTokenProtocols.Contains(protocol, StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether anything it returns is usable with or without a token: a plain file, HLS or DASH.</summary>
    public bool OffersAnythingWithout(bool hasToken) =>
        hasToken || (MuxedOnly ? !NeedsPoTokenFor("https") : !(NeedsPoTokenFor("https") && NeedsPoTokenFor("hls") && NeedsPoTokenFor("dash")));
}
