using Homelab.Controllers.Queues;
using Microsoft.Extensions.Time.Testing;

namespace Homelab.Controllers.Tests.Queues;

public sealed class WorkQueueTests
{
    private static readonly TimeSpan Base = TimeSpan.FromMilliseconds(750);
    private readonly FakeTimeProvider _time = new();

    private WorkQueue<string> NewQueue() => new("test", new WorkQueueOptions(), _time);

    [Fact]
    public async Task A_key_added_twice_before_it_is_taken_is_processed_once()
    {
        using var queue = NewQueue();
        queue.Add("a");
        queue.Add("a");
        queue.Add("b");

        Assert.Equal(2, queue.Depth);
        Assert.Equal("a", await queue.TakeAsync(CancellationToken.None));
        Assert.Equal("b", await queue.TakeAsync(CancellationToken.None));
        Assert.Equal(0, queue.Depth);
    }

    [Fact]
    public async Task A_key_being_processed_is_not_handed_out_again_until_done_then_it_runs_again()
    {
        using var queue = NewQueue();
        queue.Add("a");
        var first = await queue.TakeAsync(CancellationToken.None);

        queue.Add("a"); // changed while being processed
        queue.Add("a");
        Assert.Equal(0, queue.Depth);
        var second = queue.TakeAsync(CancellationToken.None).AsTask();
        Assert.False(second.IsCompleted);

        queue.Done(first);
        Assert.Equal("a", await second.WaitAsync(TimeSpan.FromSeconds(5)));
        queue.Done("a");
        Assert.Equal(0, queue.Depth);
    }

    [Fact]
    public async Task A_waiting_worker_gets_the_next_added_key()
    {
        using var queue = NewQueue();
        var taking = queue.TakeAsync(CancellationToken.None).AsTask();
        Assert.False(taking.IsCompleted);

        queue.Add("x");

        Assert.Equal("x", await taking.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(0, queue.Depth);
    }

    [Fact]
    public async Task Failure_backoff_doubles_from_750_ms_and_is_capped_at_15_minutes()
    {
        using var queue = NewQueue();
        var expected = new List<TimeSpan>();
        for (var n = 0; n < 13; n++)
        {
            var delay = Base * Math.Pow(2, n);
            expected.Add(delay < TimeSpan.FromMinutes(15) ? delay : TimeSpan.FromMinutes(15));
        }

        Assert.Equal(TimeSpan.FromMilliseconds(1500), expected[1]);
        Assert.Equal(TimeSpan.FromMinutes(15), expected[^1]);
        for (var failure = 0; failure < expected.Count; failure++)
        {
            queue.AddRateLimited("k");
            Assert.Equal(failure + 1, queue.Retries("k"));
            await AssertBecomesReadyAfterAsync(queue, "k", expected[failure]);
        }
    }

    [Fact]
    public async Task Forget_resets_the_backoff()
    {
        using var queue = NewQueue();
        for (var i = 0; i < 3; i++)
        {
            queue.AddRateLimited("k");
            _time.Advance(TimeSpan.FromMinutes(1));
            queue.Done(await queue.TakeAsync(CancellationToken.None));
        }

        Assert.Equal(3, queue.Retries("k"));
        queue.Forget("k");
        Assert.Equal(0, queue.Retries("k"));

        queue.AddRateLimited("k");
        await AssertBecomesReadyAfterAsync(queue, "k", Base);
    }

    [Fact]
    public async Task Add_after_waits_for_the_fake_clock_and_the_earliest_of_several_delays_wins()
    {
        using var queue = NewQueue();
        queue.AddAfter("k", TimeSpan.FromSeconds(10));
        queue.AddAfter("k", TimeSpan.FromSeconds(3));
        queue.AddAfter("k", TimeSpan.FromSeconds(20));

        await AssertBecomesReadyAfterAsync(queue, "k", TimeSpan.FromSeconds(3));

        // The replaced delays never add the key again.
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(0, queue.Depth);
    }

    [Fact]
    public void A_zero_delay_adds_at_once_and_a_delayed_key_is_deduplicated_with_an_immediate_add()
    {
        using var queue = NewQueue();
        queue.AddAfter("now", TimeSpan.Zero);
        Assert.Equal(1, queue.Depth);

        queue.AddAfter("later", TimeSpan.FromSeconds(1));
        queue.Add("later");
        Assert.Equal(2, queue.Depth);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, queue.Depth); // still queued once
    }

    [Fact]
    public async Task A_cancelled_take_gives_up_without_losing_the_next_key()
    {
        using var queue = NewQueue();
        using var cancel = new CancellationTokenSource();
        var taking = queue.TakeAsync(cancel.Token).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => taking);

        queue.Add("k");
        Assert.Equal(1, queue.Depth);
        Assert.Equal("k", await queue.TakeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Dispose_fails_waiting_takers_and_stops_delayed_adds()
    {
        var queue = NewQueue();
        var taking = queue.TakeAsync(CancellationToken.None).AsTask();
        queue.AddAfter("k", TimeSpan.FromSeconds(1));

        queue.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => taking);
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(0, queue.Depth);
    }

    [Fact]
    public async Task Concurrent_workers_never_process_the_same_key_at_once_and_every_add_is_seen()
    {
        using var queue = new WorkQueue<int>("concurrency", new WorkQueueOptions(), TimeProvider.System);
        const int Keys = 5;
        var inFlight = new int[Keys];
        var overlaps = 0;
        var processed = 0;
        using var stop = new CancellationTokenSource();

        async Task WorkerAsync()
        {
            while (true)
            {
                int key;
                try
                {
                    key = await queue.TakeAsync(stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                if (Interlocked.Increment(ref inFlight[key]) > 1)
                {
                    Interlocked.Increment(ref overlaps);
                }

                await Task.Yield();
                Interlocked.Decrement(ref inFlight[key]);
                Interlocked.Increment(ref processed);
                queue.Done(key);
            }
        }

        var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(WorkerAsync)).ToArray();
        var adders = Enumerable.Range(0, 4).Select(a => Task.Run(() =>
        {
            for (var i = 0; i < 2000; i++)
            {
                queue.Add((i + a) % Keys);
            }
        })).ToArray();
        await Task.WhenAll(adders);

        // After the last add, every key is processed at least once more and the queue drains.
        await Eventually.TrueAsync(() => queue.Depth == 0 && inFlight.All(n => n == 0), "the queue drains");
        var before = Volatile.Read(ref processed);
        for (var key = 0; key < Keys; key++)
        {
            queue.Add(key);
        }

        await Eventually.TrueAsync(() => Volatile.Read(ref processed) >= before + Keys && queue.Depth == 0, "the last adds are processed");
        await stop.CancelAsync();
        await Task.WhenAll(workers);
        Assert.Equal(0, overlaps);
    }

    private async Task AssertBecomesReadyAfterAsync(WorkQueue<string> queue, string key, TimeSpan delay)
    {
        _time.Advance(delay - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, queue.Depth);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, queue.Depth);
        Assert.Equal(key, await queue.TakeAsync(CancellationToken.None));
        queue.Done(key);
    }
}
