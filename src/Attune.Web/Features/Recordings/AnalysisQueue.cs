using System.Runtime;
using Microsoft.Extensions.Options;

namespace Attune.Web.Features.Recordings;

/// <summary>How much analysis one server does at once (section <c>Analysis</c>).</summary>
public sealed class AnalysisOptions
{
    public const string Section = "Analysis";

    /// <summary>Analyses running at the same time; by default half the cores (at least one).</summary>
    public int Concurrency { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Estimated memory all running analyses may use together, MB. A job larger than this still runs, alone.</summary>
    public int MemoryBudgetMb { get; set; } = 1024;

    /// <summary>Analyses waiting beyond this are refused with "busy, try again shortly".</summary>
    public int MaxQueued { get; set; } = 64;

    /// <summary>An analysis running longer than this is stopped.</summary>
    public int TimeoutSeconds { get; set; } = 120;

    /// <summary>A queued or running analysis nobody has asked about for this long is dropped.</summary>
    public int AbandonAfterSeconds { get; set; } = 30;

    /// <summary>How long a page or API request waits for a fresh analysis before saying it is under way.</summary>
    public double RequestWaitSeconds { get; set; } = 8;

    /// <summary>
    /// How long a node's claim on a durable job lasts unless renewed (decision 0022): after a node dies, another picks its
    /// work up within this plus <see cref="SweepSeconds"/>.
    /// </summary>
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>How often each node renews the leases of the jobs it runs and looks for jobs nobody holds.</summary>
    public double SweepSeconds { get; set; } = 5;

    /// <summary>
    /// Run one analysis of made-up beats when the node starts, so the first real upload does not pay for compiling the
    /// analysis code (about 2.6 times the warm time on a fresh process, docs/performance.md).
    /// </summary>
    public bool WarmUp { get; set; } = true;

    /// <summary>Claims of one recording's job before it is failed for good (a recording that crashes the analysis must not loop).</summary>
    public int MaxAttempts { get; set; } = 3;
}

/// <summary>Where an analysis stands.</summary>
public enum AnalysisState
{
    Queued,
    Running,
    Done,
    Failed,
}

/// <summary>
/// A bounded queue for the expensive part of a recording: parsing the stored file and running the analysis.
/// At most <see cref="AnalysisOptions.Concurrency"/> run at once and only while their estimated memory fits the
/// budget; the queue has a length limit; work that runs too long, or that nobody is waiting for any more, is
/// cancelled; after a large analysis the memory is handed back to the system. Callers wait a little and,
/// when the work is not done yet, tell people it is queued or running instead of holding a request open.
/// </summary>
public sealed class AnalysisQueue : IDisposable
{
    private readonly AnalysisOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<AnalysisQueue> _log;
    private readonly Lock _lock = new();
    private readonly LinkedList<Job> _queued = new();
    private readonly Dictionary<Guid, Job> _jobs = [];
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stopping = new();
    private long _runningBytes;
    private int _running;

    /// <summary>Seconds of work per estimated megabyte, learned from finished jobs (a moving average); a first guess until then.</summary>
    private double _secondsPerMb = 0.01;

    public AnalysisQueue(IOptions<AnalysisOptions> options, TimeProvider clock, ILogger<AnalysisQueue> log)
    {
        _options = options.Value;
        _clock = clock;
        _log = log;
        for (var i = 0; i < Math.Max(1, _options.Concurrency); i++)
        {
            _ = Task.Run(WorkAsync);
        }
        _ = Task.Run(WatchAsync);
    }

    /// <summary>One piece of work and the people waiting for it.</summary>
    public sealed class Job
    {
        internal Job(Guid id, long version, long estimateBytes, Func<CancellationToken, AnalysedRecording> work, DateTime now, int abandonAfterSeconds, bool keep)
        {
            Keep = keep;
            Id = id;
            Version = version;
            EstimateBytes = estimateBytes;
            Work = work;
            AbandonAfter = TimeSpan.FromSeconds(abandonAfterSeconds);
            Touch(now);
        }

        public Guid Id { get; }

        /// <summary>The version of the input it works on (a recording's content version).</summary>
        public long Version { get; }

        public long EstimateBytes { get; }

        /// <summary>A durable job (decision 0022): run to the end even when nobody waits for it.</summary>
        public bool Keep { get; }

        internal Func<CancellationToken, AnalysedRecording> Work { get; }

        internal TaskCompletionSource<AnalysedRecording> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        internal CancellationTokenSource Cancel { get; } = new();

        private TimeSpan AbandonAfter { get; }

        public AnalysisState State { get; internal set; } = AnalysisState.Queued;

        public DateTime? StartedAt { get; internal set; }

        internal DateTime InterestUntil { get; private set; }

        public Task<AnalysedRecording> Task => Result.Task;

        /// <summary>Someone asked about it: keep it alive a while longer.</summary>
        internal void Touch(DateTime now) => InterestUntil = now + AbandonAfter;

        /// <summary>Requests waiting for the result right now; work with a waiter is never abandoned.</summary>
        internal int Waiters;
    }

    /// <summary>
    /// Null when the queue is full. Work for <paramref name="id"/> already queued or running at the same
    /// <paramref name="version"/> is shared; work at another version is cancelled and replaced, because its
    /// input has changed. Work with <paramref name="keep"/> is never dropped for want of interest (a durable job).
    /// </summary>
    public Job? Enqueue(Guid id, long estimateBytes, Func<CancellationToken, AnalysedRecording> work, long version = 0, bool keep = false)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        lock (_lock)
        {
            if (_jobs.TryGetValue(id, out var existing))
            {
                if (existing.Version == version)
                {
                    existing.Touch(now);
                    return existing;
                }
                RemoveLocked(existing);
            }
            if (_queued.Count >= _options.MaxQueued)
            {
                return null;
            }
            var job = new Job(id, version, estimateBytes, work, now, _options.AbandonAfterSeconds, keep);
            _jobs[id] = job;
            _queued.AddLast(job);
            _wake.Release();
            return job;
        }
    }

    /// <summary>The queued or running job for <paramref name="id"/> at <paramref name="version"/>, touched, or null.</summary>
    public Job? Find(Guid id, long version = 0)
    {
        lock (_lock)
        {
            if (_jobs.TryGetValue(id, out var job) && job.Version == version)
            {
                job.Touch(_clock.GetUtcNow().UtcDateTime);
                return job;
            }
            return null;
        }
    }

    /// <summary>Jobs queued or running on this node.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _jobs.Count;
            }
        }
    }

    /// <summary>The queued or running job for <paramref name="id"/> without keeping it alive (for lists that only look), or null.</summary>
    public Job? Peek(Guid id)
    {
        lock (_lock)
        {
            return _jobs.GetValueOrDefault(id);
        }
    }

    /// <summary>
    /// About how many seconds until <paramref name="job"/> is done: the work before it shared among the workers, plus
    /// its own, less what it has run already; at least 1. From how long finished jobs took per estimated megabyte.
    /// </summary>
    public int EstimateSeconds(Job job)
    {
        lock (_lock)
        {
            double mb = 0;
            for (var node = _queued.First; node is not null && node.Value != job; node = node.Next)
            {
                mb += node.Value.EstimateBytes / (1024.0 * 1024);
            }
            var ahead = mb * _secondsPerMb / Math.Max(1, _options.Concurrency);
            var own = job.EstimateBytes / (1024.0 * 1024) * _secondsPerMb;
            var ran = job.StartedAt is { } started ? (_clock.GetUtcNow().UtcDateTime - started).TotalSeconds : 0;
            return (int)Math.Max(1, Math.Ceiling(ahead + own - ran));
        }
    }

    /// <summary>How many queued jobs come before <paramref name="job"/> (0 when it is running or done).</summary>
    public int Ahead(Job job)
    {
        lock (_lock)
        {
            var ahead = 0;
            for (var node = _queued.First; node is not null; node = node.Next)
            {
                if (node.Value == job)
                {
                    return ahead;
                }
                ahead++;
            }
            return 0;
        }
    }

    public void Touch(Job job) => job.Touch(_clock.GetUtcNow().UtcDateTime);

    /// <summary>
    /// The job's result, waiting at most <paramref name="wait"/>; while anyone waits the job is not abandoned, however
    /// long it queues (a first analysis started at upload may sit behind others).
    /// </summary>
    public async Task<AnalysedRecording> WaitAsync(Job job, TimeSpan wait, CancellationToken cancel)
    {
        Interlocked.Increment(ref job.Waiters);
        try
        {
            return await job.Task.WaitAsync(wait, cancel);
        }
        finally
        {
            Interlocked.Decrement(ref job.Waiters);
            Touch(job);
        }
    }

    /// <summary>Drops any queued or running work for <paramref name="id"/> (the recording was deleted).</summary>
    public void Forget(Guid id)
    {
        lock (_lock)
        {
            if (_jobs.TryGetValue(id, out var job))
            {
                RemoveLocked(job);
            }
        }
    }

    private void RemoveLocked(Job job)
    {
        _jobs.Remove(job.Id);
        _queued.Remove(job);
        job.Cancel.Cancel();
        job.Result.TrySetCanceled();
    }

    private async Task WorkAsync()
    {
        var budget = (long)_options.MemoryBudgetMb * 1024 * 1024;
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await _wake.WaitAsync(TimeSpan.FromMilliseconds(250), _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            Job? job = null;
            lock (_lock)
            {
                var first = _queued.First?.Value;
                if (first is not null && (_running == 0 || _runningBytes + first.EstimateBytes <= budget))
                {
                    _queued.RemoveFirst();
                    _running++;
                    _runningBytes += first.EstimateBytes;
                    job = first;
                    job.State = AnalysisState.Running;
                    job.StartedAt = _clock.GetUtcNow().UtcDateTime;
                }
            }
            if (job is null)
            {
                continue;
            }
            try
            {
                job.Cancel.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
                var result = job.Work(job.Cancel.Token);
                var took = (_clock.GetUtcNow().UtcDateTime - job.StartedAt!.Value).TotalSeconds;
                lock (_lock)
                {
                    _secondsPerMb = 0.7 * _secondsPerMb + 0.3 * took / Math.Max(1, job.EstimateBytes / (1024.0 * 1024));
                }
                job.State = AnalysisState.Done;
                job.Result.TrySetResult(result);
            }
            catch (OperationCanceledException)
            {
                job.State = AnalysisState.Failed;
                job.Result.TrySetCanceled();
            }
            catch (Exception e)
            {
                _log.LogError(e, "Analysing recording {RecordingId} failed", job.Id);
                job.State = AnalysisState.Failed;
                job.Result.TrySetException(e);
            }
            finally
            {
                lock (_lock)
                {
                    _running--;
                    _runningBytes -= job.EstimateBytes;
                    if (_jobs.TryGetValue(job.Id, out var current) && current == job)
                    {
                        _jobs.Remove(job.Id);
                    }
                }
                _wake.Release();
                ScheduleReturnMemory(job.EstimateBytes);
            }
        }
    }

    /// <summary>Cancels work nobody is waiting for any more.</summary>
    private async Task WatchAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                var now = _clock.GetUtcNow().UtcDateTime;
                lock (_lock)
                {
                    foreach (var job in _jobs.Values.Where(j => !j.Keep && j.InterestUntil < now && Volatile.Read(ref j.Waiters) == 0).ToList())
                    {
                        _log.LogInformation("Dropping the analysis of recording {RecordingId}: nobody is waiting for it", job.Id);
                        _jobs.Remove(job.Id);
                        _queued.Remove(job);
                        job.Cancel.Cancel();
                        job.Result.TrySetCanceled();
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// After large work the garbage collector keeps the freed memory for reuse; a person's small server should
    /// get it back. A compacting, aggressive collection returns it to the system (cheap next to the analysis), a second
    /// after the work: it stops every thread for tens of milliseconds, and right after an upload's analysis is when the
    /// person's page asks for it (the first analysis after a start was seen 50 ms later for it). Several jobs ending
    /// within that second share one collection.
    /// </summary>
    private void ScheduleReturnMemory(long estimateBytes)
    {
        if (estimateBytes < 64L * 1024 * 1024 || Interlocked.Exchange(ref _returnScheduled, 1) == 1)
        {
            return;
        }
        _ = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(ReturnMemoryAfter, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            Volatile.Write(ref _returnScheduled, 0);
            ReturnMemory();
        });
    }

    /// <summary>Gives the memory the garbage collector keeps for reuse back to the system: a compacting, aggressive collection.</summary>
    internal static void ReturnMemory()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    private static readonly TimeSpan ReturnMemoryAfter = TimeSpan.FromSeconds(1);
    private int _returnScheduled;

    public void Dispose()
    {
        _stopping.Cancel();
        lock (_lock)
        {
            foreach (var job in _jobs.Values)
            {
                job.Cancel.Cancel();
                job.Result.TrySetCanceled();
            }
            _jobs.Clear();
            _queued.Clear();
        }
    }
}
