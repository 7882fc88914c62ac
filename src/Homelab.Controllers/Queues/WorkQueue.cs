using Homelab.Controllers.Metrics;

namespace Homelab.Controllers.Queues;

/// <summary>
/// A rate-limited, de-duplicating work queue in the manner of client-go's: a key added several times
/// before a worker takes it is processed once; a key being processed is never handed to a second
/// worker, and if it is added meanwhile it is queued again when the first worker calls <see cref="Done"/>.
/// Failures back off per key (<see cref="AddRateLimited"/>) until <see cref="Forget"/>. Delays run on
/// the <see cref="TimeProvider"/>'s timers, so tests drive them with a fake clock.
/// </summary>
public sealed class WorkQueue<TKey> : IDisposable
    where TKey : notnull
{
    private readonly string _name;
    private readonly WorkQueueOptions _options;
    private readonly TimeProvider _time;
    private readonly ControllerMetrics? _metrics;
    private readonly Lock _gate = new();
    private readonly Queue<TKey> _queue = new();

    // Keys that need processing (queued, or re-added while being processed).
    private readonly HashSet<TKey> _dirty = [];
    private readonly HashSet<TKey> _processing = [];
    private readonly Dictionary<TKey, int> _failures = [];
    private readonly Dictionary<TKey, DelayedAdd> _delayed = [];
    private readonly Dictionary<TKey, long> _addedAt = [];
    private readonly Dictionary<TKey, long> _takenAt = [];
    private readonly LinkedList<TaskCompletionSource<TKey>> _takers = new();
    private bool _disposed;

    public WorkQueue(string name, WorkQueueOptions options, TimeProvider time, ControllerMetrics? metrics = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        if (options.BaseDelay <= TimeSpan.Zero || options.MaxDelay < options.BaseDelay)
        {
            throw new ArgumentException("BaseDelay must be positive and MaxDelay at least BaseDelay", nameof(options));
        }

        _name = name;
        _options = options;
        _time = time;
        _metrics = metrics;
        _metrics?.QueueDepth(name, 0);
    }

    public string Name => _name;

    /// <summary>Keys ready for a worker (not counting keys being processed or waiting for a delay).</summary>
    public int Depth
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Failures recorded for the key since the last <see cref="Forget"/>.</summary>
    public int Retries(TKey key)
    {
        lock (_gate)
        {
            return _failures.GetValueOrDefault(key);
        }
    }

    public void Add(TKey key)
    {
        TaskCompletionSource<TKey>? taker = null;
        lock (_gate)
        {
            if (_disposed || !_dirty.Add(key))
            {
                return;
            }

            _metrics?.QueueAdded(_name);
            _addedAt[key] = _time.GetTimestamp();
            if (_processing.Contains(key))
            {
                return; // queued again by Done
            }

            taker = EnqueueLocked(key);
        }

        taker?.TrySetResult(key);
    }

    /// <summary>Adds the key once <paramref name="delay"/> has passed; of several pending delays for a key the earliest wins.</summary>
    public void AddAfter(TKey key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }

        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            var due = _time.GetUtcNow() + delay;
            if (_delayed.TryGetValue(key, out var pending))
            {
                if (pending.Due <= due)
                {
                    return;
                }

                pending.Timer.Dispose();
            }

            var delayed = new DelayedAdd(due);
            _delayed[key] = delayed;
            delayed.Timer = _time.CreateTimer(_ => Fire(key, delayed), null, delay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Adds the key after its backoff: <c>BaseDelay × 2^failures</c> capped at <c>MaxDelay</c>; counts a failure.</summary>
    public void AddRateLimited(TKey key)
    {
        TimeSpan delay;
        lock (_gate)
        {
            var failures = _failures.GetValueOrDefault(key);
            _failures[key] = failures + 1;
            delay = Backoff(failures);
        }

        _metrics?.QueueRetried(_name);
        AddAfter(key, delay);
    }

    /// <summary>Clears the key's failure count, so its next failure backs off from <c>BaseDelay</c> again.</summary>
    public void Forget(TKey key)
    {
        lock (_gate)
        {
            _failures.Remove(key);
        }
    }

    /// <summary>Waits for a key; the caller owns it until it calls <see cref="Done"/>.</summary>
    public ValueTask<TKey> TakeAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        TaskCompletionSource<TKey> taker;
        LinkedListNode<TaskCompletionSource<TKey>> node;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_queue.Count > 0)
            {
                return ValueTask.FromResult(TakeLocked(_queue.Dequeue()));
            }

            taker = new TaskCompletionSource<TKey>(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _takers.AddLast(taker);
        }

        if (!cancellationToken.CanBeCanceled)
        {
            return new ValueTask<TKey>(taker.Task);
        }

        return new ValueTask<TKey>(WaitAsync(taker, node, cancellationToken));
    }

    /// <summary>Ends processing of a key; if it was added meanwhile it is queued again now.</summary>
    public void Done(TKey key)
    {
        TaskCompletionSource<TKey>? taker = null;
        lock (_gate)
        {
            if (!_processing.Remove(key))
            {
                return;
            }

            if (_takenAt.Remove(key, out var taken))
            {
                _metrics?.QueueWorked(_name, _time.GetElapsedTime(taken));
            }

            if (_dirty.Contains(key) && !_disposed)
            {
                taker = EnqueueLocked(key);
            }
        }

        taker?.TrySetResult(key);
    }

    /// <summary>Stops the timers and fails pending <see cref="TakeAsync"/> calls with <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        List<TaskCompletionSource<TKey>> takers;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var delayed in _delayed.Values)
            {
                delayed.Timer.Dispose();
            }

            _delayed.Clear();
            takers = [.. _takers];
            _takers.Clear();
        }

        foreach (var taker in takers)
        {
            taker.TrySetException(new ObjectDisposedException(GetType().Name));
        }
    }

    private TimeSpan Backoff(int previousFailures)
    {
        // Beyond 2^30 the cap has long been reached; stop doubling before the arithmetic overflows.
        var factor = Math.Pow(2, Math.Min(previousFailures, 30));
        var ticks = _options.BaseDelay.Ticks * factor;
        return ticks >= _options.MaxDelay.Ticks ? _options.MaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    private async Task<TKey> WaitAsync(TaskCompletionSource<TKey> taker, LinkedListNode<TaskCompletionSource<TKey>> node, CancellationToken cancellationToken)
    {
        await using var registration = cancellationToken.Register(() =>
        {
            bool removed;
            lock (_gate)
            {
                // Still waiting (not yet handed a key): withdraw. Once handed a key, the key is the caller's.
                removed = node.List is not null;
                if (removed)
                {
                    _takers.Remove(node);
                }
            }

            if (removed)
            {
                taker.TrySetCanceled(cancellationToken);
            }
        });
        return await taker.Task;
    }

    /// <summary>Hands the key to a waiting worker (returned, to complete outside the lock) or queues it.</summary>
    private TaskCompletionSource<TKey>? EnqueueLocked(TKey key)
    {
        if (_takers.First is { } waiting)
        {
            _takers.RemoveFirst();
            TakeLocked(key);
            return waiting.Value;
        }

        _queue.Enqueue(key);
        _metrics?.QueueDepth(_name, _queue.Count);
        return null;
    }

    private TKey TakeLocked(TKey key)
    {
        _dirty.Remove(key);
        _processing.Add(key);
        var now = _time.GetTimestamp();
        if (_addedAt.Remove(key, out var added))
        {
            _metrics?.QueueWaited(_name, _time.GetElapsedTime(added, now));
        }

        _takenAt[key] = now;
        _metrics?.QueueDepth(_name, _queue.Count);
        return key;
    }

    private void Fire(TKey key, DelayedAdd delayed)
    {
        lock (_gate)
        {
            // A later AddAfter with an earlier due time replaced this one: let that timer add the key.
            if (!_delayed.TryGetValue(key, out var current) || current != delayed)
            {
                return;
            }

            _delayed.Remove(key);
            delayed.Timer.Dispose();
        }

        Add(key);
    }

    private sealed class DelayedAdd(DateTimeOffset due)
    {
        public DateTimeOffset Due { get; } = due;

        public ITimer Timer { get; set; } = null!;
    }
}
