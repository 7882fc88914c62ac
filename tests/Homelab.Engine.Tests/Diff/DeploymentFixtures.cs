namespace Homelab.Engine.Tests.Diff;

/// <summary>A Deployment as written in Git, and as a real API server returns it after a server-side apply by kustomize-controller.</summary>
internal static class DeploymentFixtures
{
    public const string Desired = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: podinfo
          namespace: apps
          labels:
            app: podinfo
        spec:
          replicas: 2
          selector:
            matchLabels:
              app: podinfo
          template:
            metadata:
              labels:
                app: podinfo
            spec:
              containers:
              - name: podinfo
                image: ghcr.io/stefanprodan/podinfo:6.7.0
                ports:
                - name: http
                  containerPort: 9898
                env:
                - name: PODINFO_UI_COLOR
                  value: "#34577c"
                resources:
                  requests:
                    cpu: "0.1"
                    memory: 64Mi
                  limits:
                    cpu: 1
              - name: sidecar
                image: busybox:1.36
                args: ["sleep", "infinity"]
        """;

    /// <summary>
    /// The live object with what the server adds: metadata, defaults everywhere, status, canonical
    /// quantities, and managedFields. <paramref name="replicas"/>, <paramref name="extraManagedFields"/>
    /// and <paramref name="extraLabels"/> vary the scenario.
    /// </summary>
    public static string Live(int replicas = 2, string extraLabels = "", string extraManagedFields = "", string extraOwnedByUs = "", string extraEnv = "", string extraAnnotations = "", string extraOwnedLabels = "") => $$"""
        {
          "apiVersion": "apps/v1",
          "kind": "Deployment",
          "metadata": {
            "name": "podinfo",
            "namespace": "apps",
            "uid": "4b0c1c7e-1f0a-4a8e-9d38-0f5c9c7f2d11",
            "resourceVersion": "48213",
            "generation": 3,
            "creationTimestamp": "2026-01-02T10:00:00Z",
            "labels": { "app": "podinfo"{{extraLabels}} },
            "annotations": { "deployment.kubernetes.io/revision": "3"{{extraAnnotations}} },
            "managedFields": [
              {
                "manager": "kustomize-controller",
                "operation": "Apply",
                "apiVersion": "apps/v1",
                "fieldsType": "FieldsV1",
                "fieldsV1": {
                  "f:metadata": { "f:labels": { "f:app": {}{{extraOwnedLabels}} }{{extraOwnedByUs}} },
                  "f:spec": {
                    "f:replicas": {},
                    "f:selector": {},
                    "f:template": {
                      "f:metadata": { "f:labels": { "f:app": {} } },
                      "f:spec": {
                        "f:containers": {
                          "k:{\"name\":\"podinfo\"}": {
                            ".": {},
                            "f:env": { "k:{\"name\":\"PODINFO_UI_COLOR\"}": { ".": {}, "f:name": {}, "f:value": {} }{{(extraEnv.Length > 0 ? ", \"k:{\\\"name\\\":\\\"LOG_LEVEL\\\"}\": { \".\": {}, \"f:name\": {}, \"f:value\": {} }" : "")}} },
                            "f:image": {},
                            "f:name": {},
                            "f:ports": { "k:{\"containerPort\":9898,\"protocol\":\"TCP\"}": { ".": {}, "f:containerPort": {}, "f:name": {} } },
                            "f:resources": { "f:limits": { "f:cpu": {} }, "f:requests": { "f:cpu": {}, "f:memory": {} } }
                          },
                          "k:{\"name\":\"sidecar\"}": { ".": {}, "f:args": {}, "f:image": {}, "f:name": {} }
                        }
                      }
                    }
                  }
                }
              },
              {
                "manager": "kube-controller-manager",
                "operation": "Update",
                "apiVersion": "apps/v1",
                "subresource": "status",
                "fieldsType": "FieldsV1",
                "fieldsV1": { "f:metadata": { "f:annotations": { ".": {}, "f:deployment.kubernetes.io/revision": {} } }, "f:status": { "f:replicas": {} } }
              }{{extraManagedFields}}
            ]
          },
          "spec": {
            "replicas": {{replicas}},
            "selector": { "matchLabels": { "app": "podinfo" } },
            "template": {
              "metadata": { "creationTimestamp": null, "labels": { "app": "podinfo" } },
              "spec": {
                "containers": [
                  {
                    "name": "sidecar",
                    "image": "busybox:1.36",
                    "args": ["sleep", "infinity"],
                    "resources": {},
                    "terminationMessagePath": "/dev/termination-log",
                    "terminationMessagePolicy": "File",
                    "imagePullPolicy": "IfNotPresent"
                  },
                  {
                    "name": "podinfo",
                    "image": "ghcr.io/stefanprodan/podinfo:6.7.0",
                    "ports": [ { "name": "http", "containerPort": 9898, "protocol": "TCP" } ],
                    "env": [ { "name": "PODINFO_UI_COLOR", "value": "#34577c" }{{extraEnv}} ],
                    "resources": { "limits": { "cpu": "1" }, "requests": { "cpu": "100m", "memory": "64Mi" } },
                    "terminationMessagePath": "/dev/termination-log",
                    "terminationMessagePolicy": "File",
                    "imagePullPolicy": "IfNotPresent"
                  }
                ],
                "restartPolicy": "Always",
                "terminationGracePeriodSeconds": 30,
                "dnsPolicy": "ClusterFirst",
                "securityContext": {},
                "schedulerName": "default-scheduler"
              }
            },
            "strategy": { "type": "RollingUpdate", "rollingUpdate": { "maxUnavailable": "25%", "maxSurge": "25%" } },
            "revisionHistoryLimit": 10,
            "progressDeadlineSeconds": 600
          },
          "status": { "observedGeneration": 3, "replicas": 2, "readyReplicas": 2, "availableReplicas": 2 }
        }
        """;
}
