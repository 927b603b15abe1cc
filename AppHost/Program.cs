var builder = DistributedApplication.CreateBuilder(args);

// Redis requires a generated password (the parameter cache-password).
var cache = builder.AddRedis("cache");

// Signs streaming's segment and proxy tokens; one value for every replica, so a token issued by
// one is honoured by the others. Generated per local run, and by azd or aspirate per environment.
var tokenKey = builder.AddParameter("streaming-token-key", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true);

var metadata = builder.AddProject("metadata", "../Services/Metadata/Metadata.csproj")
    .WithReference(cache)
    .WaitFor(cache)
    .WithExternalHttpEndpoints();

var streaming = builder.AddProject("streaming", "../Services/Streaming/Streaming.csproj")
    .WithReference(cache)
    .WithReference(metadata)
    .WithEnvironment("Streaming__TokenKey", tokenKey)
    .WaitFor(metadata)
    .WithExternalHttpEndpoints();

builder.AddProject("legacy", "../Services/Legacy/Legacy.csproj")
    .WithReference(metadata)
    .WithReference(streaming)
    .WithExternalHttpEndpoints();

builder.Build().Run();

/// <summary>The AppHost's entry point, named by the testing builder.</summary>
public partial class Program;
