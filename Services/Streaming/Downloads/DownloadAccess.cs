using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting.Security;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Streaming;
using VideoPlatform.Streaming.Signing;

namespace VideoPlatform.Streaming.Downloads;

/// <summary>
/// Who may see a download job: the API key that created it, or whoever holds the token its
/// creation answered. The token is an HMAC of the job id under <c>Streaming:TokenKey</c>, so every
/// replica that shares the key checks it without storing it.
/// </summary>
public sealed class DownloadAccess(TokenSigningKeys keys)
{
    public const string TokenHeader = "X-Download-Token";
    public const string TokenQuery = "token";

    /// <summary>The one answer for a job that does not exist and one the caller may not see, so that neither tells the other apart.</summary>
    public static ProblemException NotFound() =>
        new(ErrorCodes.NotFound, "No such download: a job is seen with the token its creation answered, or by the API key that created it.");

    private readonly byte[] _key = keys.For("downloads");

    public string TokenFor(string jobId) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(jobId)).AsSpan(0, 18));

    /// <summary>
    /// The name of the caller's API key when it can own jobs; null for keyless callers and for our
    /// own services, which follow jobs by token as players do.
    /// </summary>
    public static string? OwnerOf(HttpContext context) =>
        context.Features.Get<ApiKeyFeature>() is { IsInternal: false } key ? key.Name : null;

    /// <summary>Throws 404 (not 403: a job id alone says nothing about whether it exists) unless the caller may see the job.</summary>
    public void Demand(HttpContext context, DownloadJob job)
    {
        if (job.Owner is { } owner && OwnerOf(context) == owner)
        {
            return;
        }
        string? presented = context.Request.Headers[TokenHeader];
        if (string.IsNullOrEmpty(presented))
        {
            presented = context.Request.Query[TokenQuery];
        }
        var expected = Encoding.ASCII.GetBytes(TokenFor(job.Id));
        if (presented is null || !CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(presented)))
        {
            throw NotFound();
        }
    }
}
