using Microsoft.Extensions.Options;
using Refit;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Metadata;
using VideoPlatform.Contracts.Streaming;
using VideoPlatform.Streaming.Apis;
using VideoPlatform.Streaming.Resolution;

namespace VideoPlatform.Streaming.Batch;

/// <summary>
/// Resolves many videos at once, at most <see cref="StreamingOptions.BatchConcurrency"/> at a
/// time so that one batch cannot flood metadata (and through it the platform). Each entry gets
/// its own result or problem; one failure never fails the batch.
/// </summary>
public sealed partial class StreamBatch(IMetadataApi metadata, StreamResolver resolver, IOptions<StreamingOptions> options, TimeProvider time, ILogger<StreamBatch> logger)
{
    public async Task<StreamBatchResponse> ResolveAsync(IReadOnlyList<StreamBatchItem?> items, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxBatchSize;
        if (items.Count == 0 || items.Count > limit)
        {
            throw new ProblemException(ErrorCodes.InvalidRequest,
                items.Count == 0 ? "No requests provided." : $"Too many requests (max {limit}).");
        }

        var results = new (string Key, StreamBatchResult Result, bool Valid)[items.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.BatchConcurrency), CancellationToken = cancellationToken },
            async (index, token) => results[index] = await ResolveOneAsync(items[index], token));

        var valid = results.Count(r => r.Valid);
        if (valid == 0)
        {
            throw new ProblemException(ErrorCodes.InvalidRequest, "No valid requests provided: every entry needs a platform and video_id, or a url.");
        }

        var keyed = new Dictionary<string, StreamBatchResult>(StringComparer.Ordinal);
        foreach (var (key, result, _) in results)
        {
            // The seed keyed results by platform:id; a video asked for twice keeps both answers.
            var unique = key;
            for (var n = 2; !keyed.TryAdd(unique, result); n++)
            {
                unique = $"{key}#{n}";
            }
        }
        var successful = results.Count(r => r.Result.Success);
        return new StreamBatchResponse(new StreamBatchResults(keyed, items.Count, successful, items.Count - successful),
            time.GetUtcNow(), items.Count, valid);
    }

    private async Task<(string Key, StreamBatchResult Result, bool Valid)> ResolveOneAsync(StreamBatchItem? item, CancellationToken cancellationToken)
    {
        var key = item is null ? "null" : item.Url ?? $"{item.Platform}:{item.VideoId}";
        var valid = false;
        try
        {
            if (item is null || (string.IsNullOrWhiteSpace(item.Url) && (string.IsNullOrWhiteSpace(item.Platform) || string.IsNullOrWhiteSpace(item.VideoId))))
            {
                throw new ProblemException(ErrorCodes.InvalidRequest, "An entry needs a platform and video_id, or a url.");
            }
            var query = new StreamQuery(item.Quality, item.Format, item.Player, null, null, null, null, null, null);
            var (platform, videoId) = (item.Platform ?? "", item.VideoId ?? "");
            if (!string.IsNullOrWhiteSpace(item.Url))
            {
                (platform, videoId) = await VideoOfAsync(item.Url, cancellationToken);
                key = $"{platform}:{videoId}";
            }
            StreamInput.Validate(platform, videoId, query);
            valid = true;
            var resolved = await resolver.ResolveAsync(platform, videoId, query.ToRequest(), fresh: false, cancellationToken);
            return (key, new StreamBatchResult(true, resolved), valid);
        }
        catch (ProblemException ex)
        {
            return (key, new StreamBatchResult(false, Error: ex.Message, Code: ex.Code, Status: ex.Status), valid);
        }
        catch (Exception ex) when (ex is HttpRequestException or ApiException or TimeoutException
                                   || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogItemFailed(logger, key, ex.Message);
            return (key, new StreamBatchResult(false, Error: "The metadata service could not be reached.", Code: ErrorCodes.UpstreamUnavailable, Status: 502), valid);
        }
    }

    private async Task<(string Platform, string VideoId)> VideoOfAsync(string url, CancellationToken cancellationToken)
    {
        if (url.Length > 2048)
        {
            throw new ProblemException(ErrorCodes.InvalidUrl, "The url is longer than 2048 characters.");
        }
        var resolved = await metadata.ResolveVideoAsync(url, cancellationToken);
        return (resolved.Platform, resolved.Id);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch entry {Key} failed: {Reason}")]
    private static partial void LogItemFailed(ILogger logger, string key, string reason);
}
