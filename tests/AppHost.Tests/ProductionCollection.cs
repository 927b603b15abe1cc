namespace VideoPlatform.AppHost.Tests;

/// <summary>
/// The Production composition's tests, run after every other collection and alone: their load is
/// measured against limits per minute, and a second composition beside them would share the CPU.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProductionCollection : ICollectionFixture<ProductionComposition>
{
    public const string Name = "production";
}
