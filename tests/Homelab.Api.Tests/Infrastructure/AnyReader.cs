using Homelab.Api.Argo;
using Homelab.Api.Flux;
using Homelab.Api.Specs;
using Homelab.Manifests.Objects;

namespace Homelab.Api.Tests.Infrastructure;

/// <summary>Reads any of the seven kinds with its reader; null for other kinds.</summary>
internal static class AnyReader
{
    public static IReadOnlyList<SpecProblem>? Problems(KubeObject obj) => (obj.ApiVersion, obj.Kind) switch
    {
        ("source.toolkit.fluxcd.io/v1", "GitRepository") => GitRepositoryReader.Read(obj).Problems,
        ("source.toolkit.fluxcd.io/v1", "HelmRepository") => HelmRepositoryReader.Read(obj).Problems,
        ("kustomize.toolkit.fluxcd.io/v1", "Kustomization") => KustomizationReader.Read(obj).Problems,
        ("helm.toolkit.fluxcd.io/v2", "HelmRelease") => HelmReleaseReader.Read(obj).Problems,
        ("argoproj.io/v1alpha1", "Application") => ApplicationReader.Read(obj).Problems,
        ("argoproj.io/v1alpha1", "ApplicationSet") => ApplicationSetReader.Read(obj).Problems,
        ("argoproj.io/v1alpha1", "AppProject") => AppProjectReader.Read(obj).Problems,
        _ => null,
    };
}
