using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using VideoPlatform.TestSupport;

namespace VideoPlatform.AppHost.Tests;

/// <summary>
/// Every endpoint every service documents in its OpenAPI document, fed each value of the hostile
/// corpus in each of its parameters, against the running composition whose upstreams all point at
/// a trap. No answer may be a 500 or leak a stack trace; an upstream failure may only surface when
/// an upstream was actually asked; and nothing may ever fetch an address a client supplied.
/// </summary>
public sealed class HostileInputTests(HostileComposition composition) : IClassFixture<HostileComposition>
{
    private static readonly string[] Services = HostileComposition.Services;
    private static readonly string[] ApiPaths = HostileComposition.ApiPaths;
    private LoopbackServer _trap => composition.Trap;
    private DistributedApplication _app => composition.App;

    [Fact]
    public async Task Every_documented_endpoint_refuses_the_hostile_corpus_without_a_500_or_an_ssrf()
    {
        var corpus = Corpus(_trap.Address.ToString().TrimEnd('/'));
        var failures = new List<string>();
        var requests = 0;

        foreach (var service in Services)
        {
            using var client = _app.CreateHttpClient(service);
            client.Timeout = TimeSpan.FromSeconds(30);
            foreach (var (method, template, parameters) in await EndpointsAsync(client))
            {
                foreach (var value in corpus)
                {
                    foreach (var target in parameters.DefaultIfEmpty(null))
                    {
                        using var request = Build(method, template, parameters, target, value);
                        var upstreamBefore = UpstreamCalls();
                        using var response = await client.SendAsync(request);
                        requests++;
                        var body = await response.Content.ReadAsStringAsync();
                        var problem = Judge(response, body, UpstreamCalls() > upstreamBefore);
                        if (problem is not null)
                        {
                            failures.Add($"{service} {method} {request.RequestUri} -> {(int)response.StatusCode}: {problem}");
                        }
                    }
                }
            }
        }

        var fetched = _trap.Requests.Where(r => !ApiPaths.Any(p => r.Contains(' ' + p, StringComparison.Ordinal) || r.Split(' ')[1].StartsWith(p, StringComparison.Ordinal))).ToList();
        Assert.True(fetched.Count == 0, "a client-supplied address was fetched: " + string.Join(", ", fetched.Take(5)));
        Assert.True(requests > 100, $"only {requests} requests were made: are the OpenAPI documents served?");
        Assert.True(failures.Count == 0, $"{failures.Count} of {requests} answers were wrong:{Environment.NewLine}" + string.Join(Environment.NewLine, failures.Take(25)));
    }

    [Theory]
    [InlineData("GET /api/v2/platforms HTTP/1.1\r\nHost: x\r\nX-Long: {big-header}\r\n\r\n", 431)]
    [InlineData("GET /{long-path} HTTP/1.1\r\nHost: x\r\n\r\n", 414)]
    [InlineData("GET /api/v2/platforms HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0000b\r\n\r\n", 400)]
    [InlineData("GET /api/v2/plat forms HTTP/1.1\r\nHost: x\r\n\r\n", 400)]
    [InlineData("GET /api/v2/platforms HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n", 400)]
    [InlineData("GET /api/v2/platforms HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked, identity\r\n\r\n", 400)]
    public async Task Malformed_http_is_refused_by_every_service_which_keeps_serving(string raw, int status)
    {
        foreach (var service in Services)
        {
            var endpoint = _app.GetEndpoint(service);
            var request = raw.Replace("{big-header}", new string('a', 64 * 1024), StringComparison.Ordinal)
                .Replace("{long-path}", new string('b', 20 * 1024), StringComparison.Ordinal);

            var answer = await RawHttp.SendAsync(endpoint.Host, endpoint.Port, request);

            Assert.StartsWith($"HTTP/1.1 {status} ", answer);
            using var client = _app.CreateHttpClient(service);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/alive")).StatusCode);
        }
    }

    private int UpstreamCalls() => _trap.Requests.Count;

    /// <summary>Null when the answer is acceptable, else what is wrong with it.</summary>
    private static string? Judge(HttpResponseMessage response, string body, bool upstreamAsked)
    {
        var status = (int)response.StatusCode;
        if (body.Contains("   at ", StringComparison.Ordinal) || body.Contains("Exception:", StringComparison.Ordinal))
        {
            return "a stack trace or exception leaked";
        }
        if (status == 500 || status >= 500 && !upstreamAsked)
        {
            return "server error";
        }
        if (status >= 400)
        {
            var type = response.Content.Headers.ContentType?.MediaType;
            if (type is not ("application/problem+json" or "text/plain") && body.Length > 0)
            {
                return $"error answered as {type}";
            }
        }
        if (response.Headers.Contains("X-Injected") || response.Headers.Contains("Set-Cookie"))
        {
            return "a header was injected";
        }
        return null;
    }

    private static HttpRequestMessage Build(string method, string template, IReadOnlyList<Parameter> parameters, Parameter? target, string value)
    {
        var path = new StringBuilder(template);
        var query = new List<string>();
        foreach (var parameter in parameters)
        {
            var text = ReferenceEquals(parameter, target) ? value : parameter.Benign;
            if (parameter.In == "path")
            {
                path.Replace("{" + parameter.Name + "}", Uri.EscapeDataString(text));
            }
            else if (ReferenceEquals(parameter, target) || parameter.Required)
            {
                query.Add($"{parameter.Name}={Uri.EscapeDataString(text)}");
            }
        }
        var uri = path + (query.Count > 0 ? "?" + string.Join('&', query) : "");
        var request = new HttpRequestMessage(new HttpMethod(method), uri);
        if (method == "POST")
        {
            var json = JsonSerializer.Serialize(new { url = value, urls = new[] { value, value }, quality = value, format = value });
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        return request;
    }

    private sealed record Parameter(string Name, string In, bool Required, string Benign);

    private static async Task<List<(string Method, string Template, IReadOnlyList<Parameter> Parameters)>> EndpointsAsync(HttpClient client)
    {
        using var document = await OpenApiProblems.ReadDocumentAsync(client);
        var endpoints = new List<(string, string, IReadOnlyList<Parameter>)>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post"))
            {
                var parameters = operation.Value.TryGetProperty("parameters", out var list)
                    ? list.EnumerateArray().Select(p => new Parameter(
                        p.GetProperty("name").GetString()!,
                        p.GetProperty("in").GetString()!,
                        p.TryGetProperty("required", out var required) && required.GetBoolean(),
                        Benign(p.GetProperty("name").GetString()!))).ToList()
                    : [];
                // Legacy routes read their raw query (players send URLs unencoded), so their
                // parameters are not in the document: attack the one they all take.
                if (parameters.Count == 0 && path.Name.StartsWith("/api/", StringComparison.Ordinal))
                {
                    parameters.Add(new Parameter("url", "query", false, Benign("url")));
                }
                endpoints.Add((operation.Name.ToUpperInvariant(), path.Name, parameters));
            }
        }
        return endpoints;
    }

    /// <summary>A harmless value for the parameters not under attack, so the hostile one is what gets judged.</summary>
    private static string Benign(string name) => name.ToLowerInvariant() switch
    {
        "platform" => "youtube",
        "url" => "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "videoid" or "video_id" or "id" => "dQw4w9WgXcQ",
        _ => "x",
    };

    private static List<string> Corpus(string trap) =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Hostile", "corpus.txt"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Replace("{trap}", trap, StringComparison.Ordinal)
                .Replace("\\r", "\r", StringComparison.Ordinal)
                .Replace("\\n", "\n", StringComparison.Ordinal)
                .Replace("\\0", "\0", StringComparison.Ordinal))
            .ToList();
}
