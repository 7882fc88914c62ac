using Homelab.Api.Argo;
using Homelab.Api.Specs;
using Homelab.Applications.Projects;
using Homelab.Manifests.Objects;

namespace Homelab.Applications.Applications;

/// <summary>
/// Everything Argo CD reports as <c>InvalidSpecError</c> before looking at Git: the spec itself, the
/// destination cluster, the project and what it permits. Invalid means nothing is fetched or applied.
/// </summary>
public sealed class ApplicationValidator(ProjectResolver projects)
{
    /// <returns>The validated app, or the InvalidSpecError messages.</returns>
    public async Task<(ValidatedApplication? App, IReadOnlyList<string> Errors)> ValidateAsync(KubeObject app, CancellationToken cancellationToken)
    {
        var read = ApplicationReader.Read(app);
        if (!read.IsValid)
        {
            return (null, [.. read.Invalid.Select(p => p.Message)]);
        }

        var spec = read.Spec;
        var errors = new List<string>();
        if (ClusterDestination.Check(spec.Destination) is { } clusterError)
        {
            errors.Add(clusterError);
        }

        var (project, projectError) = await projects.ResolveAsync(spec.Project, cancellationToken);
        if (project is null)
        {
            errors.Add(projectError!);
            return (null, errors);
        }

        errors.AddRange(spec.Sources.Select(s => project.CheckSource(s.RepoUrl)).OfType<string>());
        if (errors.Count == 0 && project.CheckDestination(ClusterDestination.InClusterServer, ClusterDestination.InClusterName, spec.Destination.Namespace) is { } destinationError)
        {
            errors.Add(destinationError);
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var warnings = read.Problems.Where(p => p.Kind == SpecProblemKind.Unsupported).Select(p => p.ToString()).ToList();
        return (new ValidatedApplication(app, spec, project, warnings), []);
    }
}
