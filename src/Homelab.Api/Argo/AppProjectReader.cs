using Homelab.Api.Specs;
using Homelab.Manifests.Objects;

namespace Homelab.Api.Argo;

public static class AppProjectReader
{
    public static SpecResult<AppProjectSpec> Read(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var log = new ProblemLog();
        var spec = SpecFields.Spec(obj, log);
        spec.OnlyKnown("description", "sourceRepos", "destinations", "clusterResourceWhitelist", "clusterResourceBlacklist",
            "namespaceResourceWhitelist", "namespaceResourceBlacklist", "roles", "syncWindows", "orphanedResources",
            "signatureKeys", "sourceNamespaces", "permitOnlyProjectScopedClusters", "destinationServiceAccounts");
        spec.Unsupported("roles", "project roles are not supported: Homelab has no Argo CD API users");
        spec.Unsupported("syncWindows", "sync windows are not supported yet; syncs may run at any time");
        spec.Unsupported("orphanedResources", "orphaned resource monitoring is not supported yet");
        spec.Unsupported("signatureKeys", "commit signature verification is not supported yet");
        spec.Unsupported("sourceNamespaces", "Applications outside the control-plane namespace are not restricted yet");
        spec.Unsupported("permitOnlyProjectScopedClusters", "project-scoped clusters are not supported");
        spec.Unsupported("destinationServiceAccounts", "impersonation is not supported yet");

        var destinations = spec.Objects("destinations").Select(d =>
        {
            d.OnlyKnown("server", "name", "namespace");
            return new ApplicationDestination(d.String("server"), d.String("name"), d.String("namespace"));
        });
        var result = new AppProjectSpec(
            spec.String("description"),
            spec.Strings("sourceRepos"),
            [.. destinations],
            GroupKinds(spec, "clusterResourceWhitelist"),
            GroupKinds(spec, "clusterResourceBlacklist"),
            GroupKinds(spec, "namespaceResourceWhitelist"),
            GroupKinds(spec, "namespaceResourceBlacklist"));
        return new(result, log.Problems);
    }

    private static IReadOnlyList<GroupKind> GroupKinds(SpecFields spec, string key) =>
        [.. spec.Objects(key).Select(entry =>
        {
            entry.OnlyKnown("group", "kind");
            return new GroupKind(entry.String("group") ?? "", entry.RequiredString("kind"));
        })];
}
