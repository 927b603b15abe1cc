using Aspire.Hosting.Orchestration;

namespace VideoPlatform.AppHost.Tests;

public sealed class EnvironmentTests
{
    private sealed class LiveResolver : IReferenceResolver
    {
        public string? ConnectionString(IResourceWithConnectionString resource) => "localhost:6380";

        public IReadOnlyList<string> EndpointUrls(IResourceWithServiceDiscovery resource, string endpointName) =>
            endpointName == "http" ? ["http://localhost:7001", "http://localhost:7002"] : [];

        public string ParameterValue(ParameterResource parameter) => $"value-of-{parameter.Name}";
    }

    [Fact]
    public async Task References_become_aspire_variables_one_per_replica_in_declaration_order()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>();
        var legacy = builder.CreateResourceBuilder<ProjectResource>("legacy")
            .WithEnvironment("Legacy__Greeting", "hi").Resource;

        var environment = ProjectEnvironment.FromAnnotations(legacy, new LiveResolver()).ToList();

        Assert.Equal(
            [
                new("services__metadata__http__0", "http://localhost:7001"),
                new("services__metadata__http__1", "http://localhost:7002"),
                new("services__streaming__http__0", "http://localhost:7001"),
                new("services__streaming__http__1", "http://localhost:7002"),
                new KeyValuePair<string, string>("Legacy__Greeting", "hi"),
            ],
            environment);
    }

    [Fact]
    public async Task A_cache_reference_becomes_a_connection_string()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>();
        var metadata = builder.CreateResourceBuilder<ProjectResource>("metadata").Resource;

        var environment = ProjectEnvironment.FromAnnotations(metadata, new LiveResolver()).ToDictionary();

        Assert.Equal("localhost:6380", environment["ConnectionStrings__cache"]);
    }

    [Fact]
    public async Task A_parameter_reference_becomes_the_parameters_value()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>();
        var streaming = builder.CreateResourceBuilder<ProjectResource>("streaming").Resource;

        var environment = ProjectEnvironment.FromAnnotations(streaming, new LiveResolver()).ToDictionary();

        Assert.Equal("value-of-streaming-token-key", environment["Streaming__TokenKey"]);
    }

    [Theory]
    [InlineData("""{"status":"Healthy"}""", true, HealthStatus.Healthy, null)]
    [InlineData("""{"status":"Degraded","checks":{"self":{"status":"Healthy"},"redis-cache":{"status":"Degraded","description":"Redis is unreachable"}}}""", true, HealthStatus.Degraded, "redis-cache: Redis is unreachable")]
    [InlineData("""{"status":"Unhealthy"}""", false, HealthStatus.Unhealthy, null)]
    [InlineData("Healthy", true, HealthStatus.Healthy, null)]
    [InlineData("<html>oops</html>", false, HealthStatus.Unhealthy, null)]
    public void Health_answers_are_read_from_the_service_defaults_report(string body, bool success, HealthStatus status, string? description)
    {
        var reading = HealthProbes.Parse(body, success);

        Assert.Equal(status, reading.Status);
        Assert.Equal(description, reading.Description);
    }

    [Theory]
    [InlineData("localhost:6379", "localhost", 6379)]
    [InlineData("redis.internal:7000,password=secret,ssl=true", "redis.internal", 7000)]
    [InlineData("cache", "cache", 6379)]
    public void Redis_connection_strings_give_the_address_to_ping(string connectionString, string host, int port)
    {
        Assert.Equal((host, port), RedisRuntime.ParseEndpoint(connectionString));
    }

    [Theory]
    [InlineData("localhost:6379", null)]
    [InlineData("redis.internal:7000,password=secret,ssl=true", "secret")]
    [InlineData("redis.internal:7000,ssl=true,Password=a=b", "a=b")]
    public void Redis_connection_strings_give_the_password_to_authenticate_with(string connectionString, string? password)
    {
        Assert.Equal(password, RedisRuntime.ParsePassword(connectionString));
    }
}
