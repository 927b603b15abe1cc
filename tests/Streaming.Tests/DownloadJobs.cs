using System.Net.Http.Json;
using VideoPlatform.Contracts;
using VideoPlatform.Contracts.Streaming;
using VideoPlatform.TestSupport;

namespace VideoPlatform.Streaming.Tests;

/// <summary>Following a download job through the service's own API, as a client does.</summary>
internal static class DownloadJobs
{
    /// <summary>Follows a job just created (its token in hand) until it is neither queued nor running; the answer keeps the token.</summary>
    public static async Task<DownloadJob> FollowAsync(HttpClient client, DownloadJob job)
    {
        var token = job.Token ?? throw new ArgumentException("A job is followed with the token its creation answered.", nameof(job));
        var ended = job.State is DownloadStates.Queued or DownloadStates.Running
            ? await Wait.UntilAsync($"download {job.Id} to end",
                cancellationToken => client.GetFromJsonAsync<DownloadJob>($"/api/v2/downloads/{job.Id}?token={token}", ContractJson.Options, cancellationToken),
                current => current is { State: not (DownloadStates.Queued or DownloadStates.Running) }, TimeSpan.FromMinutes(1))
            : job;
        return ended! with { Token = token };
    }
}
