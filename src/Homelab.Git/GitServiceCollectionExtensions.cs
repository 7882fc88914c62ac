using Homelab.Git.Fetching;
using Homelab.Git.Snapshots;
using Homelab.Git.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Homelab.Git;

public static class GitServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Git source services for a reconciler: options from <c>Git</c> (fetching) and
    /// <c>Git:Snapshots</c>, validated on start; one <see cref="GitSourceClient"/>, one
    /// <see cref="SnapshotStore"/>, the webhook registry and push notifier.
    /// </summary>
    public static IServiceCollection AddGitSources(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<GitSourceOptions>()
            .Bind(configuration.GetSection("Git"))
            .Validate(o => Validates(o.Validate), "invalid Git options")
            .ValidateOnStart();
        services.AddOptions<SnapshotOptions>()
            .Bind(configuration.GetSection("Git:Snapshots"))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Directory) && o.DiskBudgetBytes > 0, "Git:Snapshots needs a Directory and a positive DiskBudgetBytes")
            .ValidateOnStart();
        services.AddSingleton(sp => new GitOperationCounters(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.AddSingleton(sp => new GitSourceClient(
            sp.GetRequiredService<IOptions<GitSourceOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<GitOperationCounters>()));
        services.AddSingleton(sp => new SnapshotStore(sp.GetRequiredService<IOptions<SnapshotOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddGitWebhooks();
        return services;
    }

    private static bool Validates(Action validate)
    {
        try
        {
            validate();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
