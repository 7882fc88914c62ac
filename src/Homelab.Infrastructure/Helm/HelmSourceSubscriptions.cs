using Homelab.Controllers;
using Homelab.Infrastructure.Helm.Releases;
using Homelab.Infrastructure.Helm.Repositories;
using Homelab.Infrastructure.Sources;

namespace Homelab.Infrastructure.Helm;

/// <summary>Wakes the HelmReleases of a source the moment it has a new artifact (a new index, a new commit).</summary>
public sealed class HelmSourceSubscriptions(RepositoryIndexStore indexes, ISourceArtifacts artifacts, ReleaseWakeups wakeups) : IHostedService
{
    private readonly List<IDisposable> _subscriptions = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscriptions.Add(indexes.Subscribe(repository => wakeups.UsersOf("HelmRepository", repository)));
        _subscriptions.Add(artifacts.Subscribe(source =>
        {
            if (source.Kind == "GitRepository")
            {
                wakeups.UsersOf("GitRepository", new ObjectKey(source.Namespace, source.Name));
            }
        }));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscriptions.ForEach(s => s.Dispose());
        _subscriptions.Clear();
        return Task.CompletedTask;
    }
}
