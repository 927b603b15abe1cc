using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting.Testing;

/// <summary>
/// Starts a composition under test from the AppHost's own declaration, in the spirit of
/// Aspire.Hosting.Testing: <c>CreateAsync&lt;Program&gt;()</c> runs the AppHost's entry point up to
/// <c>Build()</c>, the test may then change resources and configuration, and
/// <see cref="IDistributedApplicationTestingBuilder.BuildAsync"/> gives it the application to start.
/// Ports are random and the wait behaviour fails fast, so tests can run side by side.
/// </summary>
public static class DistributedApplicationTestingBuilder
{
    public static Task<IDistributedApplicationTestingBuilder> CreateAsync<TEntryPoint>(
        string[]? args = null,
        IEnumerable<KeyValuePair<string, string?>>? configuration = null,
        CancellationToken cancellationToken = default)
        where TEntryPoint : class =>
        CreateAsync(typeof(TEntryPoint).Assembly, args, configuration, cancellationToken);

    /// <summary>The same, naming the AppHost by its assembly (for programs that have a <c>Program</c> of their own).</summary>
    public static Task<IDistributedApplicationTestingBuilder> CreateAsync(
        Assembly appHost,
        string[]? args = null,
        IEnumerable<KeyValuePair<string, string?>>? configuration = null,
        CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var entryPoint = appHost.EntryPoint
                         ?? throw new InvalidOperationException($"{appHost.GetName().Name} has no entry point.");

        var hook = new TestingHook(configuration ?? []);
        var previous = DistributedApplicationBuilder.Hook.Value;
        DistributedApplicationBuilder.Hook.Value = hook;
        try
        {
            entryPoint.Invoke(null, entryPoint.GetParameters().Length == 0 ? [] : [args ?? []]);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw ex.InnerException;
        }
        finally
        {
            DistributedApplicationBuilder.Hook.Value = previous;
        }

        var builder = hook.Builder ?? throw new InvalidOperationException(
            "The AppHost's entry point returned without calling Build() on its DistributedApplication builder.");
        return Task.FromResult<IDistributedApplicationTestingBuilder>(new TestingBuilder(builder));
    }

    private sealed class TestingBuilder(DistributedApplicationBuilder inner) : IDistributedApplicationTestingBuilder
    {
        public ConfigurationManager Configuration => inner.Configuration;

        public DistributedApplicationExecutionContext ExecutionContext => inner.ExecutionContext;

        public string AppHostDirectory => inner.AppHostDirectory;

        public IList<IResource> Resources => inner.Resources;

        public IResourceBuilder<T> AddResource<T>(T resource) where T : IResource => inner.AddResource(resource);

        public IResourceBuilder<T> CreateResourceBuilder<T>(string name) where T : IResource => inner.CreateResourceBuilder<T>(name);

        public DistributedApplication Build() => inner.BuildApplication();

        public Task<DistributedApplication> BuildAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult(inner.BuildApplication());
    }
}

/// <summary>A composition declared by an AppHost, open for changes before a test starts it.</summary>
public interface IDistributedApplicationTestingBuilder : IDistributedApplicationBuilder
{
    Task<DistributedApplication> BuildAsync(CancellationToken cancellationToken = default);
}
