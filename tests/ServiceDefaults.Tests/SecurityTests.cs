using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VideoPlatform.TestSupport;

namespace VideoPlatform.ServiceDefaults.Tests;

public sealed class SecurityTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private static Dictionary<string, string?> Keys(params (string Name, string Key)[] keys)
    {
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < keys.Length; i++)
        {
            settings[$"Security:ApiKeys:{i}:Name"] = keys[i].Name;
            settings[$"Security:ApiKeys:{i}:Key"] = keys[i].Key;
        }
        return settings;
    }

    private static Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string code) => ProblemAssert.HasCodeAsync(response, code, status);

    [Fact]
    public async Task In_production_a_configured_api_key_is_required_from_header_or_query()
    {
        await using var service = await TestService.StartAsync(Keys(("vrchat-world", "s3cret-key")));

        await AssertProblem(await service.Client.GetAsync("/echo"), HttpStatusCode.Unauthorized, "unauthorized");
        await AssertProblem(await service.Client.GetAsync("/echo?api_key=wrong"), HttpStatusCode.Unauthorized, "unauthorized");

        using var withHeader = new HttpRequestMessage(HttpMethod.Get, "/echo") { Headers = { { "X-API-Key", "s3cret-key" } } };
        Assert.Equal(HttpStatusCode.OK, (await service.Client.SendAsync(withHeader)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.Client.GetAsync("/echo?api_key=s3cret-key")).StatusCode);
    }

    [Fact]
    public async Task Probes_and_metrics_need_no_key()
    {
        await using var service = await TestService.StartAsync(Keys(("ops", "k")));

        Assert.Equal(HttpStatusCode.OK, (await service.Client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.Client.GetAsync("/alive")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.Client.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task In_development_security_is_off_unless_enabled()
    {
        await using var service = await TestService.StartAsync(Keys(("ops", "k")), environment: "Development");

        using var response = await service.Client.GetAsync("/echo");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("X-RateLimit-Limit"));
    }

    [Fact]
    public async Task Beyond_the_limit_a_client_gets_429_with_retry_after()
    {
        await using var service = await TestService.StartAsync(new Dictionary<string, string?>
        {
            ["Security:RateLimit:PermitLimit"] = "3",
            ["Security:RateLimit:WindowSeconds"] = "3600",
        });

        for (var i = 0; i < 3; i++)
        {
            using var ok = await service.Client.GetAsync("/echo");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal((2 - i).ToString(), ok.Headers.GetValues("X-RateLimit-Remaining").Single());
        }
        using var limited = await service.Client.GetAsync("/echo");

        await AssertProblem(limited, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task Limits_count_across_replicas_through_redis()
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:cache"] = redis.ConnectionString,
            ["Security:RateLimit:PermitLimit"] = "4",
            ["Security:RateLimit:WindowSeconds"] = "3600",
        };
        await using var first = await TestService.StartAsync(settings);
        await using var second = await TestService.StartAsync(settings);

        var answers = new List<HttpStatusCode>();
        foreach (var client in new[] { first.Client, second.Client, first.Client, second.Client, first.Client, second.Client })
        {
            using var response = await client.GetAsync("/echo");
            answers.Add(response.StatusCode);
        }

        Assert.Equal(4, answers.Count(s => s == HttpStatusCode.OK));
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], answers.Skip(4));
    }

    [Fact]
    public async Task Without_redis_limits_still_hold_in_the_process()
    {
        await using var service = await TestService.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:cache"] = $"127.0.0.1:{FreePort.Next()}",
            ["Security:RateLimit:PermitLimit"] = "2",
            ["Security:RateLimit:WindowSeconds"] = "3600",
        });

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await service.Client.GetAsync("/echo");
            answers.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers);
    }

    [Fact]
    public async Task Denied_networks_get_403_and_allow_lists_refuse_everyone_else()
    {
        await using var denied = await TestService.StartAsync(new Dictionary<string, string?> { ["Security:IpDenyList:0"] = "127.0.0.0/8" });
        await using var allowedElsewhere = await TestService.StartAsync(new Dictionary<string, string?> { ["Security:IpAllowList:0"] = "10.0.0.0/8" });
        await using var allowedHere = await TestService.StartAsync(new Dictionary<string, string?> { ["Security:IpAllowList:0"] = "127.0.0.1" });

        await AssertProblem(await denied.Client.GetAsync("/echo"), HttpStatusCode.Forbidden, "forbidden");
        await AssertProblem(await allowedElsewhere.Client.GetAsync("/echo"), HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.OK, (await allowedHere.Client.GetAsync("/echo")).StatusCode);
    }

    [Fact]
    public async Task Forwarded_for_is_believed_only_from_trusted_proxies()
    {
        await using var trusting = await TestService.StartAsync(new Dictionary<string, string?> { ["Security:TrustedProxies:0"] = "127.0.0.1/32" });
        await using var untrusting = await TestService.StartAsync(new Dictionary<string, string?>());

        async Task<string?> ClientIp(HttpClient client)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/echo") { Headers = { { "X-Forwarded-For", "203.0.113.9" } } };
            using var response = await client.SendAsync(request);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("client_ip").GetString();
        }

        Assert.Equal("203.0.113.9", await ClientIp(trusting.Client));
        Assert.Equal("127.0.0.1", await ClientIp(untrusting.Client));
    }

    [Fact]
    public async Task Forwarded_for_is_believed_from_no_one_when_the_host_enables_it_without_trusted_proxies()
    {
        // What the published manifests set: ASPNETCORE_FORWARDEDHEADERS_ENABLED=true.
        await using var service = await TestService.StartAsync(new Dictionary<string, string?> { ["FORWARDEDHEADERS_ENABLED"] = "true" });

        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo") { Headers = { { "X-Forwarded-For", "203.0.113.9" } } };
        using var response = await service.Client.SendAsync(request);

        Assert.Equal("127.0.0.1", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("client_ip").GetString());
    }

    [Fact]
    public async Task An_invented_forwarded_for_buys_no_fresh_rate_limit_budget()
    {
        await using var service = await TestService.StartAsync(new Dictionary<string, string?>
        {
            ["FORWARDEDHEADERS_ENABLED"] = "true",
            ["Security:RateLimit:PermitLimit"] = "2",
            ["Security:RateLimit:WindowSeconds"] = "3600",
        });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/echo") { Headers = { { "X-Forwarded-For", $"203.0.113.{i + 1}" } } };
            using var response = await service.Client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Responses_carry_security_headers_and_embed_pages_may_be_framed()
    {
        await using var service = await TestService.StartAsync(new Dictionary<string, string?>());

        using var api = await service.Client.GetAsync("/echo");
        using var embed = await service.Client.GetAsync("/api/v2/stream/embed/x");

        Assert.Equal("nosniff", api.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", api.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", api.Headers.GetValues("Referrer-Policy").Single());
        Assert.False(embed.Headers.Contains("X-Frame-Options"));
    }

    [Fact]
    public async Task Cors_answers_allowed_origins_only()
    {
        await using var service = await TestService.StartAsync(new Dictionary<string, string?> { ["Security:Cors:AllowedOrigins:0"] = "https://player.example" });

        async Task<string?> AllowedOrigin(string origin)
        {
            using var preflight = new HttpRequestMessage(HttpMethod.Options, "/echo")
            {
                Headers = { { "Origin", origin }, { "Access-Control-Request-Method", "GET" } },
            };
            using var response = await service.Client.SendAsync(preflight);
            return response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;
        }

        Assert.Equal("https://player.example", await AllowedOrigin("https://player.example"));
        Assert.Null(await AllowedOrigin("https://evil.example"));
    }

    [Fact]
    public async Task Bodies_over_the_limit_are_refused_with_413()
    {
        await using var service = await TestService.StartAsync(new Dictionary<string, string?> { ["Security:MaxRequestBodyBytes"] = "1024" });

        using var small = await service.Client.PostAsync("/echo", new ByteArrayContent(new byte[1000]));
        using var large = await service.Client.PostAsync("/echo", new ByteArrayContent(new byte[4096]));

        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        var problem = await large.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalid_request", problem.GetProperty("code").GetString());
        Assert.Contains("too large", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Production", "/flag?on=maybe", "on")]
    [InlineData("Production", "/flag?count=1e99", "count")]
    [InlineData("Development", "/flag?on=maybe", "on")]
    public async Task A_value_that_does_not_bind_is_a_400_problem_naming_the_parameter(string environment, string path, string parameter)
    {
        await using var service = await TestService.StartAsync(new Dictionary<string, string?>(), environment);

        using var response = await service.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalid_request", problem.GetProperty("code").GetString());
        Assert.Contains(parameter, problem.GetProperty("detail").GetString());
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync());
    }
}

public sealed class InternalApiKeyTests
{
    [Fact]
    public async Task Services_send_the_internal_key_to_each_other_and_to_nobody_else()
    {
        await using var peer = await TestService.StartAsync(new Dictionary<string, string?>(), environment: "Development");
        await using var caller = await TestService.StartAsync(new Dictionary<string, string?>
        {
            ["Security:InternalApiKey"] = "internal-secret",
            ["services:peer:http:0"] = peer.Client.BaseAddress!.ToString(),
        });
        var clients = caller.Services.GetRequiredService<IHttpClientFactory>();

        using var byName = clients.CreateClient();
        var discovered = await byName.GetFromJsonAsync<JsonElement>("https+http://peer/echo");
        var direct = await byName.GetFromJsonAsync<JsonElement>(new Uri(peer.Client.BaseAddress!, "/echo"));

        Assert.Equal("internal-secret", discovered.GetProperty("api_key").GetString());
        Assert.Equal("", direct.GetProperty("api_key").GetString());
    }

    [Fact]
    public async Task The_internal_key_is_accepted_without_a_rate_limit()
    {
        await using var service = await TestService.StartAsync(new Dictionary<string, string?>
        {
            ["Security:InternalApiKey"] = "internal-secret",
            ["Security:ApiKeys:0:Name"] = "public",
            ["Security:ApiKeys:0:Key"] = "public-key",
            ["Security:RateLimit:PermitLimit"] = "1",
        });

        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/echo") { Headers = { { "X-API-Key", "internal-secret" } } };
            using var response = await service.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}

public sealed class InternalCallerTests
{
    private static async Task<(HttpStatusCode Status, string? ClientIp)> EchoAsync(TestService service, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo");
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }
        using var response = await service.Client.SendAsync(request);
        return (response.StatusCode, response.IsSuccessStatusCode
            ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("client_ip").GetString()
            : null);
    }

    [Fact]
    public async Task The_internal_key_alone_makes_no_key_mandatory_for_public_callers()
    {
        await using var service = await TestService.StartAsync(new Dictionary<string, string?> { ["Security:InternalApiKey"] = "internal-secret" });

        Assert.Equal(HttpStatusCode.OK, (await EchoAsync(service)).Status);
        Assert.Equal(HttpStatusCode.OK, (await EchoAsync(service, ("X-API-Key", "internal-secret"))).Status);
    }

    [Fact]
    public async Task Only_an_internal_call_may_name_the_client_it_is_made_for()
    {
        await using var service = await TestService.StartAsync(new Dictionary<string, string?> { ["Security:InternalApiKey"] = "internal-secret" });

        var internalCall = await EchoAsync(service, ("X-API-Key", "internal-secret"), ("X-Client-Address", "198.51.100.7"));
        var claimed = await EchoAsync(service, ("X-Client-Address", "198.51.100.7"));

        Assert.Equal("198.51.100.7", internalCall.ClientIp);
        Assert.Equal("127.0.0.1", claimed.ClientIp);
    }

    [Fact]
    public async Task A_call_between_services_names_the_client_of_the_request_it_serves()
    {
        await using var peer = await TestService.StartAsync(new Dictionary<string, string?> { ["Security:InternalApiKey"] = "internal-secret" });
        await using var caller = await TestService.StartAsync(new Dictionary<string, string?>
        {
            ["Security:InternalApiKey"] = "internal-secret",
            ["services:peer:http:0"] = peer.Client.BaseAddress!.ToString(),
        });

        // The caller relays to the peer while serving a request of its own; the peer sees that request's client.
        using var relayed = await caller.Client.GetAsync("/relay-echo?service=peer");
        var seen = await relayed.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("127.0.0.1", seen.GetProperty("client_ip").GetString());
        Assert.Equal("internal-secret", seen.GetProperty("api_key").GetString());
        Assert.Equal("127.0.0.1", seen.GetProperty("client_address").GetString());
    }
}

public sealed class DependencyFailureTests
{
    [Fact]
    public async Task An_unreachable_dependency_is_a_bad_gateway_problem_not_a_500()
    {
        await using var service = await TestService.StartAsync(new Dictionary<string, string?>
        {
            ["services:down:http:0"] = $"http://127.0.0.1:{TestSupport.FreePort.Next()}",
        });

        using var response = await service.Client.GetAsync("/call-down");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("upstream_unavailable", problem.GetProperty("code").GetString());
        Assert.Contains("refused the connection", problem.GetProperty("detail").GetString());
        Assert.DoesNotContain("at ", problem.GetProperty("detail").GetString());
        Assert.Equal("5", response.Headers.RetryAfter?.ToString());
    }
}
