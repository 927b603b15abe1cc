using System.ComponentModel.DataAnnotations;

namespace VideoPlatform.Metadata.Extractors.YouTube;

/// <summary>
/// <c>Platforms:YouTube:PlayerSolver</c>: limits on running a whole player script once per version to
/// find how it builds stream URLs (the per-URL calls afterwards keep <see cref="YouTubeOptions"/>'s
/// tighter <c>PlayerScript*</c> limits), and how replicas share that work.
/// </summary>
public sealed class PlayerSolverOptions : IValidatableObject
{
    public const string SectionName = "Platforms:YouTube:PlayerSolver";

    /// <summary>Time for the player's top-level code to run, on a loaded machine too.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan LoadTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Bytes the engine may allocate while the top-level code runs (Jint counts what the running
    /// thread allocates): a real 2026 player needs a few hundred megabytes.
    /// </summary>
    [Range(16L * 1024 * 1024, 16L * 1024 * 1024 * 1024)]
    public long LoadMaxAllocatedBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    [Range(1_000, int.MaxValue)]
    public int LoadMaxStatements { get; set; } = 50_000_000;

    /// <summary>Time each function that may build stream URLs gets to prove it does.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan CandidateTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one replica may hold the right to solve a version before another may take it over.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:10:00")]
    public TimeSpan SolveLockTtl { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>How often a replica waiting for another's solve looks for its answer in Redis.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:30")]
    public TimeSpan SolveWaitPollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Which builds of a player to try, in order, until one is solved (see <see cref="PlayerVariant.Known"/>).
    /// When configured, replaces <see cref="DefaultVariants"/> entirely: the configuration binder
    /// appends to an array that has items already, so the defaults are kept apart.
    /// </summary>
    public string[] Variants { get; set; } = [];

    /// <summary>The main build first, as browsers load it.</summary>
    public static IReadOnlyList<string> DefaultVariants { get; } = ["main", "es6", "tv"];

    public IReadOnlyList<string> EffectiveVariants => Variants.Length > 0 ? Variants : DefaultVariants;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        Variants.Select((name, index) => (Name: name, Index: index))
            .Where(variant => PlayerVariant.Known.All(known => known.Name != variant.Name))
            .Select(variant => new ValidationResult(
                $"'{variant.Name}' is not a player build; the known ones are {string.Join(", ", PlayerVariant.Known.Select(known => known.Name))}.",
                [$"{nameof(Variants)}:{variant.Index}"]));
}
