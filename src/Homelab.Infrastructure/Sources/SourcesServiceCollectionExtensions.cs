using Homelab.Controllers;
using Homelab.Infrastructure.Webhooks;

namespace Homelab.Infrastructure.Sources;

public static class SourcesServiceCollectionExtensions
{
    /// <summary>
    /// The GitRepository controller and the artifacts it shares with consumers (<see cref="ISourceArtifacts"/>).
    /// Needs <c>AddGitSources</c> (GitSourceClient, SnapshotStore, push notifier) and the control plane.
    /// </summary>
    public static IServiceCollection AddGitRepositories(this IServiceCollection services)
    {
        services.AddSingleton<GitArtifactStore>();
        services.AddSingleton<ISourceArtifacts>(sp => sp.GetRequiredService<GitArtifactStore>());
        services.AddSingleton<GitCredentialsLoader>();
        services.AddSingleton<GitPushSubscriptions>();
        services.AddController<GitRepositoryReconciler>(new ControllerOptions
        {
            Name = GitPushSubscriptions.ControllerName,
            Group = FluxKinds.SourceGroup,
            Kind = FluxKinds.GitRepository,
        });
        return services;
    }
}
