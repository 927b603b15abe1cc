var builder = DistributedApplication.CreateBuilder(args);

var cache = builder.AddRedis("cache");

var metadata = builder.AddProject("metadata", "../Services/Metadata/Metadata.csproj")
    .WithReference(cache)
    .WaitFor(cache)
    .WithExternalHttpEndpoints();

var streaming = builder.AddProject("streaming", "../Services/Streaming/Streaming.csproj")
    .WithReference(cache)
    .WithReference(metadata)
    .WaitFor(metadata)
    .WithExternalHttpEndpoints();

builder.AddProject("legacy", "../Services/Legacy/Legacy.csproj")
    .WithReference(metadata)
    .WithReference(streaming)
    .WithExternalHttpEndpoints();

builder.Build().Run();

/// <summary>The AppHost's entry point, named by the testing builder.</summary>
public partial class Program;
