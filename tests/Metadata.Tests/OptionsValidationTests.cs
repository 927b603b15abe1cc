using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VideoPlatform.Metadata.Extensions;
using VideoPlatform.Metadata.Extractors.YouTube;
using VideoPlatform.TestSupport;

namespace VideoPlatform.Metadata.Tests;

/// <summary>A misconfigured setting stops the service at start, naming the key to fix, instead of failing requests later.</summary>
public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("Platforms:YouTube:PlayerScriptTimeout", "00:10:00")]
    [InlineData("Platforms:YouTube:BaseUrl", "www.youtube.com")]
    [InlineData("Platforms:YouTube:Region", "usa")]
    [InlineData("Platforms:YouTube:PoToken:Timeout", "00:00:00")]
    [InlineData("Platforms:YouTube:PoToken:ProviderUrl", "127.0.0.1:4416")]
    [InlineData("Platforms:YouTube:PlayerSolver:CandidateTimeout", "00:00:00")]
    [InlineData("Platforms:Bilibili:WbiKeyLifetime", "-00:01:00")]
    [InlineData("Platforms:Twitch:GqlUrl", "gql.twitch.tv/gql")]
    [InlineData("Platforms:Twitter:SyndicationUrl", "ftp://cdn.syndication.twimg.com")]
    [InlineData("Platforms:Instagram:AppId", "not-a-number")]
    [InlineData("Metadata:Cache:VideoTtl", "00:00:00")]
    public async Task A_bad_value_stops_the_service_at_start_naming_its_key(string key, string value)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync((key, value)));

        Assert.Contains($"{key}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_player_build_stops_the_service_at_start()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(("Platforms:YouTube:PlayerSolver:Variants:0", "es5")));

        Assert.Contains("Platforms:YouTube:PlayerSolver:Variants:0: 'es5' is not a player build", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_client_without_its_names_stops_the_service_at_start()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            StartAsync(("Platforms:YouTube:Clients:0:Name", "ios"), ("Platforms:YouTube:Clients:0:ClientId", "5")));

        Assert.Contains("Platforms:YouTube:Clients:0:ClientName: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("Platforms:YouTube:Clients:0:ClientVersion: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configured_player_builds_replace_the_default_ones()
    {
        await using var app = await StartAsync(("Platforms:YouTube:PlayerSolver:Variants:0", "tv"));

        Assert.Equal(["tv"], app.Services.GetRequiredService<IOptions<PlayerSolverOptions>>().Value.EffectiveVariants);
    }

    [Fact]
    public async Task The_defaults_start()
    {
        await using var app = await StartAsync();

        Assert.Equal(PlayerSolverOptions.DefaultVariants, app.Services.GetRequiredService<IOptions<PlayerSolverOptions>>().Value.EffectiveVariants);
    }

    /// <summary>The service itself, as an operator runs it: it exits at once and says which key is wrong.</summary>
    [Fact]
    public async Task The_service_process_exits_naming_the_key()
    {
        using var process = Process.Start(new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Metadata.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["Platforms__YouTube__PlayerScriptTimeout"] = "00:10:00",
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
            },
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }

        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("Platforms:YouTube:PlayerScriptTimeout: The field PlayerScriptTimeout must be between", await output + await errors, StringComparison.Ordinal);
    }

    /// <summary>Starts the service's composition (its defaults and registrations, as <c>Program</c> makes it) with <paramref name="settings"/>.</summary>
    private static Task<WebApplication> StartAsync(params (string Key, string Value)[] settings) =>
        ServiceStart.StartAndStopAsync(builder =>
        {
            builder.AddServiceDefaults();
            builder.AddApplicationServices();
        }, "Development", settings);
}
