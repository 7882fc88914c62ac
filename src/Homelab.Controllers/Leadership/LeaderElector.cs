using System.Text.Json.Nodes;
using Homelab.Controllers.Metrics;
using Homelab.Kubernetes.Client;
using Homelab.Kubernetes.Errors;
using Homelab.Manifests.Objects;
using Microsoft.Extensions.Logging;

namespace Homelab.Controllers.Leadership;

/// <summary>
/// Leader election on a coordination.k8s.io/v1 Lease, as client-go does it: acquire the lease when it
/// is free or expired (renewTime + leaseDurationSeconds &lt; now), renew it every RetryPeriod, and stop
/// leading (cancel the work's token) when a renewal has not succeeded within RenewDeadline, which is
/// shorter than the lease, so the old leader has stopped before another replica can take over.
/// Writes are conditional on the Lease's resourceVersion, so two candidates can never both win.
/// On a clean stop the lease is released (holder cleared) and another replica takes over at once.
/// </summary>
public sealed class LeaderElector
{
    private const string LeaseApiVersion = "coordination.k8s.io/v1";
    private const string LeaseKind = "Lease";

    private readonly IClusterClient _client;
    private readonly LeaderElectionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<LeaderElector> _logger;
    private readonly ControllerMetrics? _metrics;
    private readonly ObjectReference _lease;
    private volatile bool _isLeader;

    public LeaderElector(IClusterClient client, LeaderElectionOptions options, TimeProvider time, ILogger<LeaderElector> logger, ControllerMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        _client = client;
        _options = options;
        _time = time;
        _logger = logger;
        _metrics = metrics;
        _lease = new ObjectReference(LeaseApiVersion, LeaseKind, options.LeaseNamespace, options.LeaseName);
        _metrics?.Leading(options.LeaseName, false);
    }

    public bool IsLeader => _isLeader;

    public string Identity => _options.Identity;

    /// <summary>
    /// Campaigns for the lease and runs <paramref name="whileLeading"/> during each term; its token is
    /// cancelled when leadership is lost, after which the elector campaigns again. Returns when
    /// <paramref name="cancellationToken"/> is cancelled (having released the lease if it held it).
    /// </summary>
    public async Task RunAsync(Func<CancellationToken, Task> whileLeading, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(whileLeading);
        await EnsureNamespaceAsync(cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await AcquireAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            await LeadAsync(whileLeading, cancellationToken);
        }
    }

    private async Task LeadAsync(Func<CancellationToken, Task> whileLeading, CancellationToken cancellationToken)
    {
        SetLeader(true);
        _logger.LogInformation("{Identity} became the leader (lease {Namespace}/{Lease})", _options.Identity, _options.LeaseNamespace, _options.LeaseName);
        using var term = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var work = Task.Run(() => whileLeading(term.Token), CancellationToken.None);
        var renewal = RenewAsync(term.Token);
        await Task.WhenAny(work, renewal);

        // Stop the work before anything else: once renewal failed, another replica may lead soon.
        await term.CancelAsync();
        SetLeader(false);
        try
        {
            await work;
        }
        catch (OperationCanceledException) when (term.IsCancellationRequested)
        {
            // The work stopped because the term ended.
        }
        catch (Exception e)
        {
            _logger.LogError(e, "The leader's work failed; giving up the lease");
        }

        var lost = await renewal;
        if (lost)
        {
            _logger.LogWarning("{Identity} lost the lease {Namespace}/{Lease}: stopped leading", _options.Identity, _options.LeaseNamespace, _options.LeaseName);
        }
        else
        {
            await ReleaseAsync();
        }
    }

    private void SetLeader(bool leading)
    {
        _isLeader = leading;
        _metrics?.Leading(_options.LeaseName, leading);
    }

    private async Task AcquireAsync(CancellationToken cancellationToken)
    {
        var waiting = false;
        while (!await TryAcquireOrRenewAsync(cancellationToken))
        {
            if (!waiting)
            {
                _logger.LogInformation("{Identity} waiting for the lease {Namespace}/{Lease}", _options.Identity, _options.LeaseNamespace, _options.LeaseName);
                waiting = true;
            }

            await Task.Delay(_options.RetryPeriod, _time, cancellationToken);
        }
    }

    /// <returns>True when renewal failed for longer than RenewDeadline (leadership lost); false when the term was cancelled.</returns>
    private async Task<bool> RenewAsync(CancellationToken cancellationToken)
    {
        var lastRenewed = _time.GetUtcNow();
        try
        {
            while (true)
            {
                await Task.Delay(_options.RetryPeriod, _time, cancellationToken);
                bool renewed;
                try
                {
                    renewed = await TryAcquireOrRenewAsync(cancellationToken);
                }
                catch (LeaseTakenException)
                {
                    return true;
                }

                var now = _time.GetUtcNow();
                if (renewed)
                {
                    lastRenewed = now;
                }
                else if (now - lastRenewed >= _options.RenewDeadline)
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>One attempt; false on any failure that may pass (conflict, server error, unreachable).</summary>
    /// <exception cref="LeaseTakenException">While leading, the lease shows another holder.</exception>
    private async Task<bool> TryAcquireOrRenewAsync(CancellationToken cancellationToken)
    {
        try
        {
            var now = _time.GetUtcNow();
            var live = await _client.TryGetAsync(_lease, cancellationToken);
            if (live is null)
            {
                var created = new LeaseRecord(_options.Identity, LeaseSeconds, now, now, 0);
                await _client.CreateAsync(LeaseObject(created, resourceVersion: null), new WriteOptions(), cancellationToken);
                return true;
            }

            var current = LeaseRecord.Read(live);
            var ours = current.HolderIdentity == _options.Identity;
            if (!ours && _isLeader && current.IsHeldAt(now))
            {
                throw new LeaseTakenException();
            }

            if (!ours && current.IsHeldAt(now))
            {
                return false;
            }

            var next = ours
                ? current with { LeaseDurationSeconds = LeaseSeconds, RenewTime = now }
                : new LeaseRecord(_options.Identity, LeaseSeconds, now, now, current.LeaseTransitions + 1);
            await _client.ReplaceAsync(LeaseObject(next, live.GetString("metadata", "resourceVersion")), new WriteOptions(), cancellationToken);
            return true;
        }
        catch (Exception e) when (e is KubernetesApiException or HttpRequestException or IOException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            _logger.LogDebug(e, "Lease {Namespace}/{Lease}: attempt failed", _options.LeaseNamespace, _options.LeaseName);
            return false;
        }
    }

    /// <summary>Clears the holder so another replica can take over without waiting for the lease to expire.</summary>
    private async Task ReleaseAsync()
    {
        using var timeout = new CancellationTokenSource(_options.RenewDeadline, _time);
        try
        {
            var live = await _client.TryGetAsync(_lease, timeout.Token);
            if (live is null || LeaseRecord.Read(live).HolderIdentity != _options.Identity)
            {
                return;
            }

            var released = LeaseRecord.Read(live) with { HolderIdentity = null, LeaseDurationSeconds = 1, RenewTime = _time.GetUtcNow() };
            await _client.ReplaceAsync(LeaseObject(released, live.GetString("metadata", "resourceVersion")), new WriteOptions(), timeout.Token);
            _logger.LogInformation("{Identity} released the lease {Namespace}/{Lease}", _options.Identity, _options.LeaseNamespace, _options.LeaseName);
        }
        catch (Exception e) when (e is KubernetesApiException or HttpRequestException or IOException or OperationCanceledException)
        {
            _logger.LogWarning(e, "Could not release the lease {Namespace}/{Lease}; it expires by itself", _options.LeaseNamespace, _options.LeaseName);
        }
    }

    private async Task EnsureNamespaceAsync(CancellationToken cancellationToken)
    {
        var reference = new ObjectReference("v1", "Namespace", null, _options.LeaseNamespace);
        while (true)
        {
            try
            {
                if (await _client.TryGetAsync(reference, cancellationToken) is null)
                {
                    var ns = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = _options.LeaseNamespace } };
                    await _client.CreateAsync(new KubeObject(ns), new WriteOptions(), cancellationToken);
                }

                return;
            }
            catch (AlreadyExistsException)
            {
                return;
            }
            catch (Exception e) when (e is KubernetesApiException or HttpRequestException or IOException)
            {
                _logger.LogWarning(e, "Could not ensure the lease namespace {Namespace}; retrying", _options.LeaseNamespace);
                await Task.Delay(_options.RetryPeriod, _time, cancellationToken);
            }
        }
    }

    private int LeaseSeconds => (int)Math.Ceiling(_options.LeaseDuration.TotalSeconds);

    private KubeObject LeaseObject(LeaseRecord record, string? resourceVersion)
    {
        var metadata = new JsonObject { ["name"] = _options.LeaseName, ["namespace"] = _options.LeaseNamespace };
        if (resourceVersion is not null)
        {
            metadata["resourceVersion"] = resourceVersion;
        }

        return new KubeObject(new JsonObject
        {
            ["apiVersion"] = LeaseApiVersion,
            ["kind"] = LeaseKind,
            ["metadata"] = metadata,
            ["spec"] = record.ToSpec(),
        });
    }

    /// <summary>Another replica holds the lease while we believed we led: stop at once.</summary>
    private sealed class LeaseTakenException : Exception
    {
    }
}
