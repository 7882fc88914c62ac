using Homelab.Api.Argo;
using Homelab.Applications.Projects;
using Homelab.Manifests.Objects;

namespace Homelab.Applications.Applications;

/// <summary>
/// An Application whose spec reads, whose destination exists and whose project permits its sources and
/// destination. <see cref="Warnings"/> are fields read but not supported.
/// </summary>
public sealed record ValidatedApplication(KubeObject Object, ApplicationSpec Spec, ProjectPolicy Project, IReadOnlyList<string> Warnings)
{
    public string Key => $"{Object.Namespace}/{Object.Name}";
}
