namespace VideoPlatform.AppHost.Tests;

public sealed class ResourceModelTests
{
    [Fact]
    public async Task Apphost_declares_redis_a_token_key_and_three_projects_with_their_launch_ports()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>();

        Assert.Equal(["cache", "streaming-token-key", "metadata", "streaming", "legacy"], builder.Resources.Select(r => r.Name));
        var ports = builder.Resources.OfType<ProjectResource>()
            .ToDictionary(p => p.Name, p => p.Endpoints.Single(e => e.Name == "http").Port);
        Assert.Equal(5101, ports["metadata"]);
        Assert.Equal(5102, ports["streaming"]);
        Assert.Equal(5103, ports["legacy"]);
    }

    [Fact]
    public async Task Streaming_references_cache_and_metadata_and_waits_for_metadata()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>();
        var streaming = builder.CreateResourceBuilder<ProjectResource>("streaming").Resource;

        var links = streaming.Annotations.OfType<ResourceRelationshipAnnotation>()
            .Select(a => $"{a.Type}:{a.Target.Name}").ToList();

        Assert.Equal(["Reference:cache", "Reference:metadata", "WaitFor:metadata"], links);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1cache")]
    [InlineData("my_cache")]
    [InlineData("double--hyphen")]
    public void Invalid_resource_names_are_refused(string name)
    {
        Assert.Throws<ArgumentException>(() => new RedisResource(name, null));
    }

    [Fact]
    public async Task A_second_resource_with_the_same_name_is_refused()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>();

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddRedis("Cache"));
        Assert.Contains("already declared", error.Message);
    }

    [Fact]
    public async Task A_project_path_that_does_not_exist_names_the_path()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>();

        var error = Assert.Throws<FileNotFoundException>(() => builder.AddProject("ghost", "../Services/Ghost/Ghost.csproj"));
        Assert.Contains("Ghost.csproj", error.Message);
    }

    [Fact]
    public async Task A_resource_cannot_wait_for_itself()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>();
        var metadata = builder.CreateResourceBuilder<ProjectResource>("metadata");

        Assert.Throws<InvalidOperationException>(() => metadata.WaitFor(metadata));
    }
}
