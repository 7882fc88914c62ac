using System.Globalization;
using Homelab.Manifests.Objects;

namespace Homelab.Benchmarks.Engine;

/// <summary>
/// Desired objects as rendered from Git and their live counterparts as an API server returns them
/// (defaults, managedFields, status), so the differ works as hard as in a real no-op reconcile.
/// </summary>
internal static class EngineCorpus
{
    public static (KubeObject Desired, KubeObject Live) Deployment(int i)
    {
        var name = "app-" + i.ToString("D4", CultureInfo.InvariantCulture);
        var desired = Fill("""
            {"apiVersion":"apps/v1","kind":"Deployment",
             "metadata":{"name":"__NAME__","namespace":"bench","labels":{"app":"__NAME__","kustomize.toolkit.fluxcd.io/name":"apps","kustomize.toolkit.fluxcd.io/namespace":"flux-system"},
               "annotations":{"argocd.argoproj.io/sync-wave":"__WAVE__"}},
             "spec":{"replicas":2,"selector":{"matchLabels":{"app":"__NAME__"}},
               "template":{"metadata":{"labels":{"app":"__NAME__"}},
                 "spec":{"containers":[{"name":"web","image":"nginx:1.27","ports":[{"name":"http","containerPort":8080}],
                   "env":[{"name":"MODE","value":"prod"},{"name":"INDEX","value":"__I__"}],
                   "resources":{"requests":{"cpu":"0.1","memory":"64Mi"},"limits":{"cpu":1}}}]}}}}
            """, i, name);
        var live = Fill("""
            {"apiVersion":"apps/v1","kind":"Deployment",
             "metadata":{"name":"__NAME__","namespace":"bench","uid":"00000000-0000-0000-0000-__UID__","resourceVersion":"__RV__","generation":1,
               "creationTimestamp":"2026-01-01T00:00:00Z",
               "labels":{"app":"__NAME__","kustomize.toolkit.fluxcd.io/name":"apps","kustomize.toolkit.fluxcd.io/namespace":"flux-system"},
               "annotations":{"argocd.argoproj.io/sync-wave":"__WAVE__","deployment.kubernetes.io/revision":"1"},
               "managedFields":[{"manager":"kustomize-controller","operation":"Apply","apiVersion":"apps/v1","fieldsType":"FieldsV1","fieldsV1":{
                 "f:metadata":{"f:annotations":{"f:argocd.argoproj.io/sync-wave":{}},"f:labels":{"f:app":{},"f:kustomize.toolkit.fluxcd.io/name":{},"f:kustomize.toolkit.fluxcd.io/namespace":{}}},
                 "f:spec":{"f:replicas":{},"f:selector":{},"f:template":{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{
                   ".":{},"f:env":{"k:{\"name\":\"MODE\"}":{".":{},"f:name":{},"f:value":{}},"k:{\"name\":\"INDEX\"}":{".":{},"f:name":{},"f:value":{}}},
                   "f:image":{},"f:name":{},"f:ports":{"k:{\"containerPort\":8080,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{},"f:name":{}}},
                   "f:resources":{"f:limits":{"f:cpu":{}},"f:requests":{"f:cpu":{},"f:memory":{}}}}}}}}}}]},
             "spec":{"replicas":2,"selector":{"matchLabels":{"app":"__NAME__"}},"progressDeadlineSeconds":600,"revisionHistoryLimit":10,
               "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":"25%"}},
               "template":{"metadata":{"creationTimestamp":null,"labels":{"app":"__NAME__"}},
                 "spec":{"containers":[{"name":"web","image":"nginx:1.27","imagePullPolicy":"IfNotPresent","ports":[{"name":"http","containerPort":8080,"protocol":"TCP"}],
                   "env":[{"name":"MODE","value":"prod"},{"name":"INDEX","value":"__I__"}],
                   "resources":{"requests":{"cpu":"100m","memory":"64Mi"},"limits":{"cpu":"1"}},
                   "terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File"}],
                   "dnsPolicy":"ClusterFirst","restartPolicy":"Always","schedulerName":"default-scheduler","securityContext":{},"terminationGracePeriodSeconds":30}}},
             "status":{"observedGeneration":1,"replicas":2,"readyReplicas":2,"availableReplicas":2,"updatedReplicas":2}}
            """, i, name);
        return (desired, live);
    }

    private static KubeObject Fill(string template, int i, string name) => KubeObject.FromJson(template
        .Replace("__NAME__", name, StringComparison.Ordinal)
        .Replace("__WAVE__", (i % 3).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("__UID__", i.ToString("D12", CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("__RV__", (1000 + i).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("__I__", i.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
}
