namespace VideoPlatform.Legacy.Upstream;

/// <summary>
/// Outermost handler of a Refit client: a connection failure or timeout becomes a
/// <see cref="DependencyUnavailableException"/> naming the service, so every route can answer
/// 503 with a clear message instead of 500.
/// </summary>
internal sealed class DependencyFailureHandler(string service, TimeSpan timeout) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await base.SendAsync(request, deadline.Token);
        }
        catch (HttpRequestException ex)
        {
            throw new DependencyUnavailableException(service, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DependencyUnavailableException(service, ex);
        }
    }
}
