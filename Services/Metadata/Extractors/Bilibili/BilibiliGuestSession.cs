using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using VideoPlatform.Metadata.Cookies;

namespace VideoPlatform.Metadata.Extractors.Bilibili;

/// <summary>
/// The cookies a browser holds before it logs in: <c>buvid3</c>/<c>buvid4</c> from
/// <c>/x/frontend/finger/spi</c> with <c>b_nut</c> (when they were handed out), and, where
/// <see cref="BilibiliOptions.UseTicket"/> allows, a <c>bili_ticket</c>. BiliBili's risk control
/// refuses requests without them far sooner. They are fetched once and kept until a request is
/// refused, when a fresh identity is fetched for the next one. Configured cookies (a logged-in
/// session) take precedence: a guest cookie is sent only under a name they lack.
/// </summary>
public sealed partial class BilibiliGuestSession(
    IHttpClientFactory clients, IOptions<BilibiliOptions> options, PlatformCookies cookies, TimeProvider time, ILogger<BilibiliGuestSession> logger)
{
    // BiliBili's published key and id of the web ticket signature.
    private const string TicketKey = "XgwSnGZ1p";
    private const string TicketKeyId = "ec02";
    private static readonly TimeSpan RetryFailedAfter = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private Identity? _identity;
    private DateTimeOffset _failedAt = DateTimeOffset.MinValue;

    /// <summary>Whether the configured cookies hold a logged-in session (<c>SESSDATA</c>).</summary>
    public bool LoggedIn => Names(cookies.HeaderFor("bilibili")).Contains("SESSDATA");

    /// <summary>The <c>Cookie</c> header of an API call: the configured cookies, then the guest cookies they lack.</summary>
    public async Task<string?> CookieHeaderAsync(CancellationToken cancellationToken)
    {
        var configured = cookies.HeaderFor("bilibili");
        var names = Names(configured);
        if (names.Contains("buvid3") && names.Contains("buvid4"))
        {
            return configured;
        }
        var guest = (await IdentityAsync(cancellationToken))?.Cookies(time.GetUtcNow()).Where(c => !names.Contains(c.Name)).Select(c => $"{c.Name}={c.Value}") ?? [];
        var header = string.Join("; ", (configured is null ? [] : new[] { configured }).Concat(guest));
        return header.Length == 0 ? null : header;
    }

    /// <summary>Drops the guest identity a refused request carried, so that the next request asks for a fresh one.</summary>
    public void Forget(string? refusedHeader)
    {
        var identity = _identity;
        if (identity is not null && refusedHeader is not null && refusedHeader.Contains(identity.Buvid3, StringComparison.Ordinal))
        {
            Interlocked.CompareExchange(ref _identity, null, identity);
        }
    }

    private async Task<Identity?> IdentityAsync(CancellationToken cancellationToken)
    {
        if (_identity is { } known && !known.WantsTicket(time.GetUtcNow(), options.Value.UseTicket))
        {
            return known;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            if (_identity is { } fetched && !fetched.WantsTicket(now, options.Value.UseTicket))
            {
                return fetched;
            }
            if (_identity is null && now - _failedAt < RetryFailedAfter)
            {
                return null;
            }
            var identity = _identity ?? await BuvidAsync(cancellationToken);
            if (identity is null)
            {
                _failedAt = now;
                return null;
            }
            if (options.Value.UseTicket)
            {
                identity = identity with { Ticket = await TicketAsync(cancellationToken) ?? identity.Ticket, TicketAskedAt = now };
            }
            _identity = identity;
            return identity;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<Identity?> BuvidAsync(CancellationToken cancellationToken)
    {
        try
        {
            var body = await SendAsync(HttpMethod.Get, "/x/frontend/finger/spi", cancellationToken);
            if (body?["data"]?["b_3"]?.GetValue<string>() is { Length: > 0 } buvid3 && body["data"]?["b_4"]?.GetValue<string>() is { Length: > 0 } buvid4)
            {
                return new Identity(buvid3, buvid4, time.GetUtcNow().ToUnixTimeSeconds());
            }
            LogGuestRefused(logger, "/x/frontend/finger/spi", body?["code"]?.ToString() ?? "no body");
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or InvalidOperationException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogGuestRefused(logger, "/x/frontend/finger/spi", ex.Message);
        }
        return null;
    }

    /// <summary>A web ticket, or null when BiliBili gives none: the ticket helps, but nothing depends on it.</summary>
    private async Task<(string Value, DateTimeOffset ExpiresAt)?> TicketAsync(CancellationToken cancellationToken)
    {
        var ts = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var sign = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(TicketKey), Encoding.UTF8.GetBytes("ts" + ts)));
        var csrf = Names(cookies.HeaderFor("bilibili")).Contains("bili_jct") ? Value(cookies.HeaderFor("bilibili")!, "bili_jct") : "";
        try
        {
            var body = await SendAsync(HttpMethod.Post,
                $"/bapis/bilibili.api.ticket.v1.Ticket/GenWebTicket?key_id={TicketKeyId}&hexsign={sign}&context%5Bts%5D={ts}&csrf={Uri.EscapeDataString(csrf)}", cancellationToken);
            if (body?["data"] is JsonObject data && data["ticket"]?.GetValue<string>() is { Length: > 0 } ticket
                && data["created_at"]?.GetValue<long>() is { } created && data["ttl"]?.GetValue<long>() is { } ttl)
            {
                return (ticket, DateTimeOffset.FromUnixTimeSeconds(created + ttl));
            }
            LogGuestRefused(logger, "GenWebTicket", body?["code"]?.ToString() ?? "no body");
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or InvalidOperationException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogGuestRefused(logger, "GenWebTicket", ex.Message);
        }
        return null;
    }

    private async Task<JsonObject?> SendAsync(HttpMethod method, string pathAndQuery, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(options.Value.ApiBaseUrl, pathAndQuery));
        BilibiliBrowser.Apply(request, options.Value);
        using var response = await clients.CreateClient(nameof(BilibiliClient)).SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"BiliBili answered {(int)response.StatusCode}.");
        }
        return await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
    }

    private static HashSet<string> Names(string? header) =>
        header is null ? [] : header.Split(';').Select(p => p.Split('=', 2)[0].Trim()).Where(n => n.Length > 0).ToHashSet(StringComparer.Ordinal);

    private static string Value(string header, string name) =>
        header.Split(';').Select(p => p.Split('=', 2)).FirstOrDefault(p => p.Length == 2 && p[0].Trim() == name)?[1].Trim() ?? "";

    /// <summary>One guest identity: its buvids, when it was handed out, and its ticket while valid.</summary>
    private sealed record Identity(string Buvid3, string Buvid4, long HandedOutAt)
    {
        public (string Value, DateTimeOffset ExpiresAt)? Ticket { get; init; }

        public DateTimeOffset TicketAskedAt { get; init; } = DateTimeOffset.MinValue;

        /// <summary>Whether a ticket should be asked for: wanted, and none held for another hour, and none refused within the last minute.</summary>
        public bool WantsTicket(DateTimeOffset now, bool wanted) =>
            wanted && !(Ticket is { } t && t.ExpiresAt - now > TimeSpan.FromHours(1)) && now - TicketAskedAt >= RetryFailedAfter;

        public IEnumerable<(string Name, string Value)> Cookies(DateTimeOffset now)
        {
            yield return ("buvid3", Buvid3);
            yield return ("buvid4", Uri.EscapeDataString(Buvid4));
            yield return ("b_nut", HandedOutAt.ToString(CultureInfo.InvariantCulture));
            if (Ticket is { } ticket && ticket.ExpiresAt > now)
            {
                yield return ("bili_ticket", ticket.Value);
                yield return ("bili_ticket_expires", ticket.ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "BiliBili gave no guest identity from {Endpoint} ({Reason}); API calls go without it")]
    private static partial void LogGuestRefused(ILogger logger, string endpoint, string reason);
}
