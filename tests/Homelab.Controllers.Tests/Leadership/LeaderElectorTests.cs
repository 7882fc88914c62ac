using Homelab.Controllers.Leadership;
using Homelab.Controllers.Tests.Infrastructure;
using Homelab.DevCluster.Faults;
using Homelab.Kubernetes.Client;
using Microsoft.Extensions.Logging.Abstractions;

namespace Homelab.Controllers.Tests.Leadership;

/// <summary>Real (short) lease timings against the dev cluster; every wait is for a condition.</summary>
public sealed class LeaderElectorTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private LeaderElectionOptions Options(string lease, string identity) => new()
    {
        LeaseName = lease,
        LeaseNamespace = "homelab-system",
        Identity = identity,
        LeaseDuration = TimeSpan.FromSeconds(2),
        RenewDeadline = TimeSpan.FromMilliseconds(800),
        RetryPeriod = TimeSpan.FromMilliseconds(100),
    };

    [Fact]
    public async Task One_of_two_candidates_leads_and_the_other_takes_over_at_once_after_a_clean_stop()
    {
        var lease = $"lease-{Guid.NewGuid():N}"[..16];
        await using var first = Candidate.Start(cluster, Options(lease, "one"));
        await Eventually.TrueAsync(() => first.Elector.IsLeader, "the first candidate leads");
        var reads = cluster.Server.Requests.Count("get", "leases");
        await using var second = Candidate.Start(cluster, Options(lease, "two"));

        // Several campaign rounds (and the leader's renewals) pass without the second taking over.
        await Eventually.TrueAsync(() => cluster.Server.Requests.Count("get", "leases") >= reads + 10, "several rounds");
        Assert.False(second.Elector.IsLeader);
        Assert.True(first.Elector.IsLeader);
        Assert.Equal(1, first.Terms);

        await first.StopAsync();

        // Released on stop: the second takes over well before the 2 s lease would have expired.
        var stopped = DateTime.UtcNow;
        await Eventually.TrueAsync(() => second.Elector.IsLeader, "the second candidate leads", TimeSpan.FromSeconds(1.5));
        Assert.True(first.WorkCancelled);
        var stored = await cluster.Client.GetAsync(new ObjectReference("coordination.k8s.io/v1", "Lease", "homelab-system", lease), CancellationToken.None);
        Assert.Equal("two", stored.GetString("spec", "holderIdentity"));
        Assert.Equal(1, stored.Get("spec", "leaseTransitions")!.GetValue<int>());
        Assert.True(DateTime.UtcNow - stopped < TimeSpan.FromSeconds(1.5));
    }

    [Fact]
    public async Task A_leader_that_cannot_renew_stops_leading_within_the_renew_deadline()
    {
        var lease = $"lease-{Guid.NewGuid():N}"[..16];
        await using var leader = Candidate.Start(cluster, Options(lease, "only"));
        await Eventually.TrueAsync(() => leader.Elector.IsLeader, "leads");

        cluster.Server.Faults.AddError(new ErrorFault("update", "leases", 503));
        try
        {
            await Eventually.TrueAsync(() => !leader.Elector.IsLeader && leader.WorkCancelled, "stopped leading", TimeSpan.FromSeconds(5));
        }
        finally
        {
            cluster.Server.Faults.Clear();
        }

        // Once the API answers again, it campaigns and leads a new term.
        await Eventually.TrueAsync(() => leader.Elector.IsLeader && leader.Terms == 2, "leads again", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_lease_held_by_a_vanished_leader_is_taken_once_it_expires()
    {
        var lease = $"lease-{Guid.NewGuid():N}"[..16];
        var renewTime = DateTime.UtcNow.AddSeconds(-5).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        await using (var ensure = Candidate.Start(cluster, Options($"{lease}-ns", "ns")))
        {
            await Eventually.TrueAsync(() => ensure.Elector.IsLeader, "namespace exists");
        }

        await cluster.Client.CreateAsync(
            Manifests.Objects.KubeObject.FromJson($$$"""
                {"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"{{{lease}}}","namespace":"homelab-system"},
                 "spec":{"holderIdentity":"crashed","leaseDurationSeconds":2,"renewTime":"{{{renewTime}}}","acquireTime":"{{{renewTime}}}","leaseTransitions":3}}
                """),
            new WriteOptions(),
            CancellationToken.None);

        await using var candidate = Candidate.Start(cluster, Options(lease, "new"));
        await Eventually.TrueAsync(() => candidate.Elector.IsLeader, "takes the expired lease");
        var stored = await cluster.Client.GetAsync(new ObjectReference("coordination.k8s.io/v1", "Lease", "homelab-system", lease), CancellationToken.None);
        Assert.Equal(4, stored.Get("spec", "leaseTransitions")!.GetValue<int>());
    }

    /// <summary>One replica: an elector with its own client whose work runs until its term ends.</summary>
    private sealed class Candidate : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private Task _run = Task.CompletedTask;
        private int _terms;
        private volatile bool _workCancelled;

        private Candidate(ClusterFixture cluster, LeaderElectionOptions options)
        {
            Elector = new LeaderElector(cluster.NewClient(), options, TimeProvider.System, NullLogger<LeaderElector>.Instance);
        }

        public LeaderElector Elector { get; }

        public int Terms => Volatile.Read(ref _terms);

        public bool WorkCancelled => _workCancelled;

        public static Candidate Start(ClusterFixture cluster, LeaderElectionOptions options)
        {
            var candidate = new Candidate(cluster, options);
            candidate._run = candidate.Elector.RunAsync(candidate.LeadAsync, candidate._stop.Token);
            return candidate;
        }

        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            await _run;
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            _stop.Dispose();
        }

        private async Task LeadAsync(CancellationToken term)
        {
            Interlocked.Increment(ref _terms);
            _workCancelled = false;
            try
            {
                await Task.Delay(Timeout.Infinite, term);
            }
            catch (OperationCanceledException)
            {
                _workCancelled = true;
                throw;
            }
        }
    }
}
