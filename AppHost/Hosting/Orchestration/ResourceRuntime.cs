using Microsoft.Extensions.Logging;

namespace Aspire.Hosting.Orchestration;

/// <summary>
/// Runs one resource: waits for what it <c>WaitFor</c>s, starts its instances, watches their
/// health, restarts a crashed process with backoff, and publishes every change as a snapshot.
/// </summary>
internal abstract partial class ResourceRuntime(IResource resource, OrchestratorContext context)
{
    private readonly Lock _gate = new();
    private CancellationTokenSource? _run;
    private Task _running = Task.CompletedTask;

    public IResource Resource { get; } = resource;

    public string Name => Resource.Name;

    protected OrchestratorContext Context { get; } = context;

    public IReadOnlyList<ResourceInstance> Instances { get; protected init; } = [];

    /// <summary>Container or Project, as the dashboard and the table show it.</summary>
    public abstract string ResourceType { get; }

    /// <summary>The state a stopped instance ends in (Exited for containers, Finished for projects).</summary>
    protected virtual string StoppedState => KnownResourceStates.Finished;

    public virtual ResourceSnapshot InitialSnapshot() => new() { Name = Name, ResourceType = ResourceType };

    /// <summary>Begins running the resource in the background (also after a stop: the start command).</summary>
    public void Start(CancellationToken shutdown)
    {
        lock (_gate)
        {
            if (!_running.IsCompleted)
            {
                return;
            }
            _run?.Dispose();
            _run = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
            _running = RunAsync(_run.Token);
        }
    }

    public async Task StopAsync()
    {
        Task running;
        lock (_gate)
        {
            _run?.Cancel();
            running = _running;
        }
        await running;
    }

    /// <summary>Completes when the resource is no longer running.</summary>
    public Task Completion => _running;

    protected virtual Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!await WaitForDependenciesAsync(cancellationToken))
            {
                return;
            }
            await PrepareAsync(cancellationToken);
            await Task.WhenAll(Instances.Select(i => SuperviseAsync(i, cancellationToken)));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            foreach (var instance in Instances.Where(i => i.State is KnownResourceStates.Waiting or KnownResourceStates.NotStarted))
            {
                Update(instance, i => i.State = KnownResourceStates.NotStarted);
            }
        }
        catch (Exception ex)
        {
            LogFailedToStart(Context.Logger, Name, ex.Message);
            Publish(s => s with { State = KnownResourceStates.FailedToStart, Message = ex.Message });
        }
        finally
        {
            AfterRun();
        }
    }

    /// <summary>Called when the resource has stopped running: stopped, given up on, or never started.</summary>
    protected virtual void AfterRun()
    {
    }

    private async Task<bool> WaitForDependenciesAsync(CancellationToken cancellationToken)
    {
        var dependencies = Resource.Annotations.OfType<ResourceRelationshipAnnotation>()
            .Where(a => a.Type == RelationshipTypes.WaitFor)
            .Select(a => a.Target.Name)
            .Where(name => !Context.Absent.Contains(name))
            .ToList();

        foreach (var dependency in dependencies)
        {
            if (Context.Notifications.TryGetCurrentState(dependency, out var current) && current.IsServing)
            {
                continue;
            }

            Publish(s => s with { State = KnownResourceStates.Waiting, Message = $"waiting for {dependency}" });
            var reached = await Context.Notifications.WaitForResourceAsync(dependency,
                s => s.IsServing || (Context.Options.StopOnResourceUnavailable && KnownResourceStates.IsTerminal(s.State) && !s.RestartPending),
                cancellationToken);
            if (!reached.IsServing)
            {
                Publish(s => s with
                {
                    State = KnownResourceStates.FailedToStart,
                    Message = $"{dependency} it waits for is {reached.State}"
                              + (reached.ExitCode is { } code ? $" (exit code {code})" : ""),
                    FailedDependency = dependency,
                });
                return false;
            }
        }

        Publish(s => s with { Message = null, FailedDependency = null });
        return true;
    }

    private async Task SuperviseAsync(ResourceInstance instance, CancellationToken cancellationToken)
    {
        if (instance.Process is null)
        {
            Update(instance, i => { i.State = KnownResourceStates.Running; i.StartedAt = Context.Time.GetUtcNow(); });
            await MonitorHealthAsync(instance, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            Update(instance, i => { i.State = StoppedState; i.Health = null; });
            return;
        }

        var consecutiveFailures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            BeforeStart(instance);
            Update(instance, i => { i.State = KnownResourceStates.Starting; i.Health = null; i.ExitCode = null; i.RestartPending = false; });
            var spec = instance.Process;
            ChildProcess process;
            try
            {
                process = ChildProcess.Start(spec.FileName, spec.Arguments(), spec.WorkingDirectory, spec.Environment(),
                    (line, isError) => Context.Logs.Write(Name, Instances.Count > 1 ? $"({instance.DisplayName}) {line}" : line, isError));
            }
            catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                Update(instance, i => i.State = KnownResourceStates.FailedToStart);
                Publish(s => s with { Message = $"could not start {spec.FileName}: {ex.Message}" });
                return;
            }

            var startedAt = Context.Time.GetUtcNow();
            Update(instance, i => { i.State = KnownResourceStates.Running; i.ProcessId = process.Id; i.StartedAt = startedAt; });

            int exitCode;
            using (var health = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var monitoring = MonitorHealthAsync(instance, health.Token);
                try
                {
                    exitCode = await process.Exited.WaitAsync(cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    Update(instance, i => i.State = KnownResourceStates.Stopping);
                    await health.CancelAsync();
                    await monitoring.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    await process.StopAsync(Context.Options.ShutdownGracePeriod);
                    Update(instance, i => { i.State = StoppedState; i.Health = null; i.ExitCode = process.Exited.Result; i.ProcessId = null; });
                    await process.DisposeAsync();
                    return;
                }
                await health.CancelAsync();
                await monitoring.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            await process.DisposeAsync();

            // A process that ran a while before crashing starts a fresh backoff series.
            consecutiveFailures = Context.Time.GetUtcNow() - startedAt > TimeSpan.FromMinutes(1) ? 1 : consecutiveFailures + 1;
            var stopping = Context.IsStopping || cancellationToken.IsCancellationRequested;
            var restart = !stopping && consecutiveFailures <= Context.Options.MaxRestartAttempts;
            // Stopped and, when it will be started again, saying so in the same snapshot: whoever
            // waits for it must not take a crash it recovers from for the end.
            Update(instance, i => { i.State = StoppedState; i.Health = null; i.ExitCode = exitCode; i.ProcessId = null; i.RestartPending = restart; });
            if (stopping)
            {
                return;
            }
            if (!restart)
            {
                Update(instance, i => i.State = KnownResourceStates.FailedToStart);
                Publish(s => s with { Message = $"exited {consecutiveFailures} times in a row (last exit code {exitCode}); not restarting" });
                LogGaveUp(Context.Logger, instance.DisplayName, consecutiveFailures);
                return;
            }

            var delay = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, consecutiveFailures - 1)));
            LogRestarting(Context.Logger, instance.DisplayName, exitCode, delay.TotalSeconds);
            Publish(s => s with { Message = $"exited with code {exitCode}; restarting in {delay.TotalSeconds:0} s" });
            await Task.Delay(delay, Context.Time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (cancellationToken.IsCancellationRequested)
            {
                Update(instance, i => i.RestartPending = false);
                return;
            }
            Update(instance, i => i.Restarts++);
        }
    }

    /// <summary>Called before each start of an instance's process, the first and every restart.</summary>
    protected virtual void BeforeStart(ResourceInstance instance)
    {
    }

    /// <summary>
    /// A port the engine chose that another process holds by the time of a start (it lost the race
    /// for it, e.g. to a parallel test run, and would fail to bind, again at each restart) is
    /// exchanged for a new one. Those that reference the resource and start later get the new address.
    /// </summary>
    protected bool MovePortIfTaken(ResourceInstance instance)
    {
        if (!instance.PortChosen || PortGuard.IsFree(instance.Port))
        {
            return false;
        }
        var taken = instance.Port;
        instance.Port = PortGuard.NextFree();
        LogPortMoved(Context.Logger, instance.DisplayName, taken, instance.Port);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Resource}: port {Taken} is held by another process; moving to port {Port}")]
    private static partial void LogPortMoved(ILogger logger, string resource, int taken, int port);

    private async Task MonitorHealthAsync(ResourceInstance instance, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var reading = await instance.Probe(cancellationToken);
            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            if (reading.Status != instance.Health || reading.Description != instance.HealthDescription)
            {
                Update(instance, i => { i.Health = reading.Status; i.HealthDescription = reading.Description; });
            }
            // Poll often until healthy, then settle down.
            var interval = reading.Status == HealthStatus.Healthy ? TimeSpan.FromSeconds(2) : TimeSpan.FromMilliseconds(500);
            await Task.Delay(interval, Context.Time, cancellationToken);
        }
    }

    /// <summary>Changes an instance and publishes the resource's aggregated snapshot.</summary>
    protected void Update(ResourceInstance instance, Action<ResourceInstance> change)
    {
        lock (_gate)
        {
            change(instance);
            Publish(Aggregate);
        }
    }

    protected ResourceSnapshot Publish(Func<ResourceSnapshot, ResourceSnapshot> update) =>
        Context.Notifications.Publish(Name, update);

    /// <summary>The resource as a whole: the least advanced state and the worst health of its instances.</summary>
    private ResourceSnapshot Aggregate(ResourceSnapshot current)
    {
        var states = Instances.Select(i => i.State).Distinct().ToList();
        var state = states.Count == 1 ? states[0]
            : states.FirstOrDefault(s => s is not KnownResourceStates.Running) ?? KnownResourceStates.Running;
        var health = Instances.All(i => i.Health.HasValue) ? Instances.Min(i => i.Health) : null;
        return current with
        {
            State = state,
            Health = state == KnownResourceStates.Running ? health : null,
            HealthDescription = string.Join("; ", Instances.Select(i => i.HealthDescription).OfType<string>().Distinct()) is { Length: > 0 } d ? d : null,
            ProcessIds = Instances.Select(i => i.ProcessId).OfType<int>().ToList(),
            StartedAt = Instances.Select(i => i.StartedAt).Min(),
            Restarts = Instances.Sum(i => i.Restarts),
            ExitCode = Instances.Select(i => i.ExitCode).LastOrDefault(c => c.HasValue),
            RestartPending = Instances.Any(i => i.RestartPending),
            Message = state == KnownResourceStates.Running ? null : current.Message,
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Resource} exited with code {ExitCode}; restarting in {Seconds} s")]
    private static partial void LogRestarting(ILogger logger, string resource, int exitCode, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Resource} exited {Count} times in a row; it is left stopped")]
    private static partial void LogGaveUp(ILogger logger, string resource, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Resource} failed to start: {Reason}")]
    private static partial void LogFailedToStart(ILogger logger, string resource, string reason);
}
