using VideoPlatform.Contracts.Metadata;

namespace VideoPlatform.Metadata.Extractors;

/// <summary>A platform's search, served by <c>GET /api/v2/search?platform=…</c>.</summary>
public interface ISearchSource
{
    /// <summary>The platform name, as in <see cref="PlatformInfo.Name"/>.</summary>
    string Platform { get; }

    /// <summary>The result types it can be asked for (<c>video</c>, <c>playlist</c>, …).</summary>
    IReadOnlyCollection<string> Types { get; }

    /// <summary>A page of results of <paramref name="type"/> from <paramref name="cursor"/> (null: the first).</summary>
    Task<SearchResults> SearchAsync(string query, string type, string? cursor, CancellationToken cancellationToken);
}
