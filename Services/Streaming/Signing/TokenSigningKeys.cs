using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace VideoPlatform.Streaming.Signing;

/// <summary>
/// The keys of every token this service signs, derived from <c>Streaming:TokenKey</c> so that each
/// replica sharing it checks the others' tokens. Without one configured, one random key per
/// process: tokens then die with it (and are not shared between replicas), which is safe, if less
/// convenient.
/// </summary>
public sealed class TokenSigningKeys(IOptions<StreamingOptions> options)
{
    private readonly string _root = options.Value.TokenKey is { Length: > 0 } key ? key : Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The key of one kind of token: a different key per kind, so that a token of one kind never passes for another.</summary>
    public byte[] For(string purpose) => SHA256.HashData(Encoding.UTF8.GetBytes($"{purpose}\n{_root}"));
}
