using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting;

/// <summary>
/// Collects the declared resources and the AppHost's configuration: <c>appsettings.json</c> next to
/// the AppHost project, environment variables, then the command line (<c>--publisher</c>,
/// <c>--output-path</c>, as azd passes them).
/// </summary>
public sealed class DistributedApplicationBuilder : IDistributedApplicationBuilder
{
    private static readonly Dictionary<string, string> SwitchMappings = new()
    {
        ["--publisher"] = "Publishing:Publisher",
        ["--output-path"] = "Publishing:OutputPath",
    };

    /// <summary>Set by the testing builder for the flow that declares a composition under test.</summary>
    internal static readonly AsyncLocal<TestingHook?> Hook = new();

    public DistributedApplicationBuilder(string[] args)
    {
        AppHostDirectory = FindAppHostDirectory();
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
                          ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
                          ?? "Development";

        Configuration = new ConfigurationManager();
        Configuration.SetBasePath(AppHostDirectory);
        Configuration.AddJsonFile("appsettings.json", optional: true);
        Configuration.AddJsonFile($"appsettings.{environment}.json", optional: true);
        Configuration.AddEnvironmentVariables();
        Configuration.AddCommandLine(NormalizeFlags(args), SwitchMappings);
        Configuration["AppHost:Environment"] ??= environment;
        Hook.Value?.ConfigureBuilder(this);

        var publisher = Configuration["Publishing:Publisher"];
        ExecutionContext = string.IsNullOrWhiteSpace(publisher)
            ? new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run)
            : new DistributedApplicationExecutionContext(DistributedApplicationOperation.Publish, publisher);
    }

    public ConfigurationManager Configuration { get; }

    public DistributedApplicationExecutionContext ExecutionContext { get; }

    public string AppHostDirectory { get; }

    public IList<IResource> Resources { get; } = [];

    public IResourceBuilder<T> AddResource<T>(T resource) where T : IResource
    {
        if (Resources.Any(r => string.Equals(r.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"A resource named '{resource.Name}' is already declared.");
        }
        Resources.Add(resource);
        return new ResourceBuilder<T>(resource, this);
    }

    public IResourceBuilder<T> CreateResourceBuilder<T>(string name) where T : IResource
    {
        var resource = Resources.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
                       ?? throw new InvalidOperationException($"No resource named '{name}' is declared.");
        return resource is T typed
            ? new ResourceBuilder<T>(typed, this)
            : throw new InvalidOperationException($"Resource '{name}' is a {resource.GetType().Name}, not a {typeof(T).Name}.");
    }

    public DistributedApplication Build()
    {
        // Under the testing builder the test owns the application: hand it the declared
        // composition and give the AppHost's own Run() nothing to do.
        if (Hook.Value is { } hook)
        {
            hook.Declared(this);
            return DistributedApplication.Detached;
        }
        return BuildApplication();
    }

    internal DistributedApplication BuildApplication() => new(this);

    /// <summary>Turns value-less flags such as <c>--no-dashboard</c> into <c>--AppHost:NoDashboard=true</c>.</summary>
    private static string[] NormalizeFlags(string[] args) =>
        args.Select(a => a switch
        {
            "--no-dashboard" => "--AppHost:NoDashboard=true",
            _ => a,
        }).ToArray();

    private static string FindAppHostDirectory()
    {
        // Written by the build (AppHost.csproj) so that tests, which run from their own bin
        // folder, resolve project paths exactly as `dotnet run --project AppHost` does.
        var fromBuild = typeof(DistributedApplicationBuilder).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "AppHostProjectDirectory")?.Value;
        return fromBuild is not null && Directory.Exists(fromBuild) ? fromBuild : Directory.GetCurrentDirectory();
    }
}
