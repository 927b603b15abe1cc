using VideoPlatform.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

// No container runtime is needed to run locally: redis-server runs as a process. Publishing
// describes Aspire's standard Redis container, as any Aspire app's manifest does.
IResourceBuilder<IResourceWithConnectionString> cache = builder.ExecutionContext.IsRunMode
    ? builder.AddLocalRedis("cache")
    : builder.AddRedis("cache");

// Signs streaming's segment and proxy tokens; one value for every replica, so a token issued by
// one is honoured by the others. Generated per local run, and by azd or aspirate per environment.
var tokenKey = builder.AddParameter("streaming-token-key", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true);

// Marks the services' calls to each other as ours. Without it, where security is on, legacy's
// calls for all its players would count against one client's limit at streaming and metadata;
// with it they are exempt and name the player, whose limit is counted once, at the edge.
var internalKey = builder.AddParameter("internal-api-key", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true);

var metadata = builder.AddProject<Projects.Metadata>("metadata")
    .WithReference(cache)
    .WaitFor(cache)
    .WithEnvironment("Security__InternalApiKey", internalKey)
    .WithHttpHealthCheck("/health")
    .WithServiceDefaults()
    .WithExternalHttpEndpoints();

var streaming = builder.AddProject<Projects.Streaming>("streaming")
    .WithReference(cache)
    .WithReference(metadata)
    .WithEnvironment("Streaming__TokenKey", tokenKey)
    // A finished download is a file that any replica may be asked for: all of them keep their
    // downloads on one ReadWriteMany volume (the jobs themselves are shared through Redis).
    .WithSharedVolume("downloads", "/data/downloads", "20Gi", "Downloads__Directory")
    .WaitFor(metadata)
    .WithEnvironment("Security__InternalApiKey", internalKey)
    .WithHttpHealthCheck("/health")
    .WithServiceDefaults()
    .WithExternalHttpEndpoints();

// Legacy counts its players' rate limits in Redis, so that every replica holds the same budget.
builder.AddProject<Projects.Legacy>("legacy")
    .WithReference(cache)
    .WithReference(metadata)
    .WithReference(streaming)
    .WithEnvironment("Security__InternalApiKey", internalKey)
    .WithHttpHealthCheck("/health")
    .WithServiceDefaults()
    .WithExternalHttpEndpoints();

builder.AddKubernetesPublishing();

builder.Build().Run();
