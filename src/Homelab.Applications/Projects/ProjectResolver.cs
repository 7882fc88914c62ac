using Homelab.Api.Argo;
using Homelab.Kubernetes.Caching;

namespace Homelab.Applications.Projects;

/// <summary>
/// Finds an Application's AppProject in the watch cache (control-plane namespace). The <c>default</c>
/// project permits everything when nobody created it, as Argo CD's built-in one does.
/// </summary>
public sealed class ProjectResolver(ClusterCache cache, string controlPlaneNamespace)
{
    public const string Group = "argoproj.io";
    public const string Kind = "AppProject";

    /// <summary>The project's policy, or an InvalidSpecError message.</summary>
    public async Task<(ProjectPolicy? Policy, string? Error)> ResolveAsync(string name, CancellationToken cancellationToken)
    {
        var informer = await cache.WatchAsync(Group, Kind, cancellationToken);
        await informer.Synced.WaitAsync(cancellationToken);
        var project = informer.Get(controlPlaneNamespace, name);
        if (project is null)
        {
            return name == ApplicationReader.DefaultProject
                ? (ProjectPolicy.PermitAll(name), null)
                : (null, $"Application referencing project {name} which does not exist");
        }

        var spec = AppProjectReader.Read(project);
        return spec.IsValid
            ? (new ProjectPolicy(name, spec.Spec), null)
            : (null, $"AppProject {name} is invalid: {string.Join("; ", spec.Invalid)}");
    }
}
