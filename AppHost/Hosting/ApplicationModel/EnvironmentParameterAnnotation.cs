namespace Aspire.Hosting.ApplicationModel;

/// <summary>An environment variable whose value is a parameter's (<c>WithEnvironment(name, parameter)</c>).</summary>
public sealed record EnvironmentParameterAnnotation(string Name, ParameterResource Parameter) : IResourceAnnotation;
