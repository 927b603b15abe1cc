namespace Aspire.Hosting;

/// <summary>Parameters in Aspire's vocabulary: values supplied from outside, secrets among them.</summary>
public static class ParameterResourceBuilderExtensions
{
    /// <summary>
    /// Declares a parameter whose value must be supplied: <c>Parameters:&lt;name&gt;</c> locally,
    /// asked for by azd or aspirate when deployed.
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddParameter(this IDistributedApplicationBuilder builder, string name, bool secret = false) =>
        builder.AddResource(new ParameterResource(name, secret));

    /// <summary>
    /// Declares a parameter that falls back to <paramref name="value"/>: a random value, for
    /// instance, generated once per local run and by the deployment tool once per environment.
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddParameter(this IDistributedApplicationBuilder builder, string name, ParameterDefault value, bool secret = false) =>
        builder.AddResource(new ParameterResource(name, secret, value));

    /// <summary>Gives the resource <paramref name="name"/> with the parameter's value (kept secret where the parameter is).</summary>
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, IResourceBuilder<ParameterResource> parameter)
        where T : IResource
    {
        builder.Resource.Annotations.Add(new EnvironmentParameterAnnotation(name, parameter.Resource));
        return builder;
    }

    /// <summary>
    /// The password parameter Aspire gives a Redis (or any server) it declares: secret, 22
    /// characters, no special characters so it needs no escaping in a connection string or a
    /// command line. It is not added to the composition; it appears where it is referenced.
    /// </summary>
    internal static ParameterResource CreateDefaultPasswordParameter(string name) =>
        new(name, secret: true, new GenerateParameterDefault { MinLength = 22, Special = false });
}
