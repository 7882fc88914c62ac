using Grpc.Core;
using Grpc.Net.Client;
using Homelab.Api.Applications.V1;
using Homelab.Api.Infrastructure.V1;

namespace Homelab.AppHost.Orchestration;

/// <summary>
/// The local loop: a commit in the watched checkout asks both reconcilers to look again at once (Flux's
/// <c>flux reconcile source git</c>, Argo's refresh), instead of waiting for their polling intervals.
/// </summary>
internal sealed class CommitWatcher : IAsyncDisposable
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(300);

    private readonly FileSystemWatcher _watcher;
    private readonly GrpcChannel _infrastructureChannel;
    private readonly GrpcChannel _applicationsChannel;
    private readonly Metadata _auth;
    private readonly Action<string> _log;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _changed = new(0);
    private readonly Task _loop;

    public CommitWatcher(string repository, Uri infrastructure, Uri applications, string token, Action<string> log)
    {
        _infrastructureChannel = GrpcChannel.ForAddress(infrastructure);
        _applicationsChannel = GrpcChannel.ForAddress(applications);
        _auth = new Metadata { { "authorization", $"Bearer {token}" } };
        _log = log;
        // Branch heads, HEAD and packed refs all live under .git: one recursive watch sees every commit.
        _watcher = new FileSystemWatcher(Path.Combine(repository, ".git"))
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite,
        };
        _watcher.Changed += OnChange;
        _watcher.Created += OnChange;
        _watcher.Renamed += OnChange;
        _watcher.EnableRaisingEvents = true;
        _loop = RunAsync(_stopping.Token);
    }

    public async ValueTask DisposeAsync()
    {
        _watcher.Dispose();
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        _infrastructureChannel.Dispose();
        _applicationsChannel.Dispose();
        _stopping.Dispose();
        _changed.Dispose();
    }

    private static bool IsRefChange(string relativePath) =>
        relativePath is "HEAD" or "packed-refs" || relativePath.StartsWith("refs" + Path.DirectorySeparatorChar + "heads", StringComparison.Ordinal);

    private void OnChange(object sender, FileSystemEventArgs e)
    {
        var relative = Path.GetRelativePath(_watcher.Path, e.FullPath);
        if (IsRefChange(relative) && !relative.EndsWith(".lock", StringComparison.Ordinal))
        {
            _changed.Release();
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _changed.WaitAsync(cancellationToken).ConfigureAwait(false);
            // A commit touches several refs files; one request for all of them.
            await Task.Delay(Debounce, cancellationToken).ConfigureAwait(false);
            while (_changed.CurrentCount > 0)
            {
                await _changed.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            try
            {
                await RequestReconcileAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException e)
            {
                _log($"could not ask the reconcilers to look at the new commit: {e.Status.Detail}");
            }
        }
    }

    private async Task RequestReconcileAsync(CancellationToken cancellationToken)
    {
        // Sources and applications are asked all at once: one round trip each in parallel, not one after another.
        var infrastructure = new InfrastructureService.InfrastructureServiceClient(_infrastructureChannel);
        var applications = new ApplicationService.ApplicationServiceClient(_applicationsChannel);
        var sourcesCall = infrastructure.ListSourcesAsync(new ListRequest(), _auth, cancellationToken: cancellationToken).ResponseAsync;
        var appsCall = applications.ListAsync(new ListApplicationsRequest(), _auth, cancellationToken: cancellationToken).ResponseAsync;
        var (sources, apps) = (await sourcesCall.ConfigureAwait(false), await appsCall.ConfigureAwait(false));

        var requests = sources.Items
            .Where(s => s.Ref.Kind == "GitRepository" && !s.Suspended)
            .Select(s => infrastructure.ReconcileAsync(new ReconcileRequest { Ref = s.Ref }, _auth, cancellationToken: cancellationToken).ResponseAsync as Task)
            .Concat(apps.Items.Select(a => applications.RefreshAsync(new RefreshRequest { Ref = a.Ref }, _auth, cancellationToken: cancellationToken).ResponseAsync));
        await Task.WhenAll(requests).ConfigureAwait(false);

        _log($"new commit: reconciling {sources.Items.Count(s => s.Ref.Kind == "GitRepository" && !s.Suspended)} source(s) and refreshing {apps.Items.Count} application(s)");
    }
}
