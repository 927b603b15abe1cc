using System.Net;
using System.Text.Json;
using Xunit;

namespace VideoPlatform.TestSupport;

/// <summary>What every service's failure must look like to a client: problem details with a stable code.</summary>
public static class ProblemAssert
{
    /// <summary>
    /// Asserts that <paramref name="response"/> is <c>application/problem+json</c> with one of
    /// <paramref name="statuses"/>, the stable <paramref name="code"/> and no stack trace; returns the problem.
    /// </summary>
    public static async Task<JsonElement> HasCodeAsync(HttpResponseMessage response, string code, params HttpStatusCode[] statuses)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(statuses.Contains(response.StatusCode), $"answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        return problem.RootElement.Clone();
    }
}
