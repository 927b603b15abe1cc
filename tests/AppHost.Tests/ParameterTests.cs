using System.Net.Sockets;
using System.Text;
using Aspire.Hosting.Orchestration;

namespace VideoPlatform.AppHost.Tests;

/// <summary>
/// Parameters in run mode: Redis requires the password parameter (generated once per run, or the
/// configured <c>Parameters:cache-password</c>), projects get it in their connection string, and a
/// parameter that can have no value stops the run before anything starts.
/// </summary>
public sealed class ParameterTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Redis_requires_the_generated_password_that_the_connection_string_carries()
    {
        await using var app = await StartCacheOnlyAsync([]);

        var connectionString = app.GetConnectionString("cache")!;
        var password = RedisRuntime.ParsePassword(connectionString);
        var endpoint = app.GetEndpoint("cache", "tcp");

        Assert.NotNull(password);
        Assert.Matches("^[A-Za-z0-9]{22}$", password);
        Assert.StartsWith("-NOAUTH", await SendAsync(endpoint, "PING"));
        Assert.Equal("+OK|+PONG", await SendAsync(endpoint, $"AUTH {password}", "PING"));
        Assert.StartsWith("-WRONGPASS", await SendAsync(endpoint, "AUTH not-the-password"));
        // What is shown of the resource (console table, dashboard) does not give the password away.
        var shown = app.ResourceNotifications.Snapshots.Single(s => s.Name == "cache").ConnectionString;
        Assert.Equal($"localhost:{endpoint.Port},password=*****", shown);
    }

    [Fact]
    public async Task The_password_is_on_no_command_line_and_its_file_is_gone_once_redis_answers()
    {
        await using var app = await StartCacheOnlyAsync([new("Parameters:cache-password", "configured0password2")]);

        // The resource's process (the lifeline shell, where there is one) and what it runs.
        var pid = app.ResourceNotifications.Snapshots.Single(s => s.Name == "cache").ProcessIds[0];
        var processes = new[] { pid }.Concat(ProcessTree.Descendants(pid)).Select(ProcessTree.Arguments).ToList();
        Assert.Contains(processes, p => p.Any(a => a.Contains("redis-server", StringComparison.Ordinal)));
        Assert.All(processes, arguments => Assert.DoesNotContain(arguments, a => a.Contains("configured0password2", StringComparison.Ordinal)));

        // Handed over in a file instead (Redis retitles its own process; the shell keeps the
        // arguments it was given), which Redis has read by now and which is gone.
        var file = processes.SelectMany(arguments => arguments).First(a => a.EndsWith("redis.conf", StringComparison.Ordinal));
        Assert.False(File.Exists(file), $"{file} is still there");
        Assert.Equal("+OK|+PONG", await SendAsync(app.GetEndpoint("cache", "tcp"), "AUTH configured0password2", "PING"));
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("with \"quotes\" and \\", "\"with \\\"quotes\\\" and \\\\\"")]
    [InlineData("two\nlines", "\"two\\nlines\"")]
    public void A_password_is_quoted_as_redis_reads_its_configuration(string password, string quoted) =>
        Assert.Equal(quoted, RedisPasswordFile.Quoted(password));

    [Fact]
    public async Task A_configured_password_parameter_is_the_one_redis_requires()
    {
        await using var app = await StartCacheOnlyAsync([new("Parameters:cache-password", "configured0password1")]);

        Assert.EndsWith(",password=configured0password1", app.GetConnectionString("cache"));
        Assert.Equal("+OK|+PONG", await SendAsync(app.GetEndpoint("cache", "tcp"), "AUTH configured0password1", "PING"));
    }

    [Fact]
    public async Task The_password_survives_a_restart_of_redis()
    {
        await using var app = await StartCacheOnlyAsync([]);
        var before = app.GetConnectionString("cache");

        await app.RestartResourceAsync("cache");
        using var timeout = new CancellationTokenSource(Deadline);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("cache", timeout.Token);

        var password = RedisRuntime.ParsePassword(before!);
        Assert.Equal(before, app.GetConnectionString("cache"));
        Assert.Equal("+OK|+PONG", await SendAsync(app.GetEndpoint("cache", "tcp"), $"AUTH {password}", "PING"));
    }

    [Fact]
    public async Task A_parameter_with_neither_value_nor_default_stops_the_run_naming_its_key()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>();
        var apiKey = builder.AddParameter("api-key", secret: true);
        builder.CreateResourceBuilder<ProjectResource>("legacy").WithEnvironment("Security__ApiKeys__0", apiKey);

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => builder.BuildAsync());

        Assert.Contains("Parameters:api-key", error.Message);
    }

    [Fact]
    public void Generated_values_honour_length_classes_and_minimums()
    {
        var generate = new GenerateParameterDefault { MinLength = 40, Special = false, Upper = false, MinNumeric = 10 };

        var values = Enumerable.Range(0, 20).Select(_ => generate.GetDefaultValue()).ToList();

        Assert.All(values, v => Assert.Matches("^[a-z0-9]{40}$", v));
        Assert.All(values, v => Assert.True(v.Count(char.IsAsciiDigit) >= 10, v));
        Assert.Equal(values.Count, values.Distinct().Count());
    }

    /// <summary>The composition with its Redis only: what these tests are about, without the projects.</summary>
    private static async Task<DistributedApplication> StartCacheOnlyAsync(IEnumerable<KeyValuePair<string, string?>> configuration)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>(configuration: configuration);
        foreach (var project in builder.Resources.OfType<ProjectResource>().ToList())
        {
            builder.Resources.Remove(project);
        }
        var app = await builder.BuildAsync();
        await app.StartAsync();
        using var timeout = new CancellationTokenSource(Deadline);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("cache", timeout.Token);
        return app;
    }

    /// <summary>Sends inline commands on one connection; the first line of each reply, joined by '|'.</summary>
    private static async Task<string> SendAsync(Uri endpoint, params string[] commands)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        using var client = new TcpClient();
        await client.ConnectAsync(endpoint.Host, endpoint.Port, timeout.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(string.Concat(commands.Select(c => c + "\r\n"))), timeout.Token);
        var received = new StringBuilder();
        var buffer = new byte[1024];
        while (received.ToString().Split("\r\n").Length <= commands.Length)
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            Assert.True(read > 0, "Redis closed the connection");
            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        return string.Join("|", received.ToString().Split("\r\n")[..commands.Length]);
    }
}
