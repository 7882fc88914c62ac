using Homelab.Manifests.Objects;

namespace Homelab.Engine.IntegrationTests.Infrastructure;

/// <summary>Minimal manifests, as a user would write them: the server fills in the defaults.</summary>
internal static class Fixtures
{
    public static KubeObject Namespace(string name) =>
        Json("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"@name"}}""", ("@name", name));

    public static KubeObject ConfigMap(string ns, string name, string value = "1", string annotations = "{}") =>
        Json("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"@name","namespace":"@ns","annotations":@annotations},"data":{"a":"@value"}}""", ("@annotations", annotations), ("@name", name), ("@ns", ns), ("@value", value));

    public static KubeObject Secret(string ns, string name) =>
        Json("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"@name","namespace":"@ns"},"stringData":{"password":"hunter2"}}""", ("@name", name), ("@ns", ns));

    public static KubeObject Deployment(string ns, string name, string image = "nginx:1.27") =>
        Json("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"@name","namespace":"@ns"},
             "spec":{"replicas":1,"selector":{"matchLabels":{"app":"@name"}},
               "template":{"metadata":{"labels":{"app":"@name"}},"spec":{"containers":[{"name":"main","image":"@image","ports":[{"containerPort":80}]}]}}}}
            """, ("@image", image), ("@name", name), ("@ns", ns));

    public static KubeObject StatefulSet(string ns, string name) =>
        Json("""
            {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"@name","namespace":"@ns"},
             "spec":{"serviceName":"@name","selector":{"matchLabels":{"app":"@name"}},
               "template":{"metadata":{"labels":{"app":"@name"}},"spec":{"containers":[{"name":"main","image":"postgres:16"}]}}}}
            """, ("@name", name), ("@ns", ns));

    public static KubeObject Service(string ns, string name) =>
        Json("""
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"@name","namespace":"@ns"},
             "spec":{"selector":{"app":"@name"},"ports":[{"port":80}]}}
            """, ("@name", name), ("@ns", ns));

    /// <summary>A Job hook; <paramref name="simulate"/> <c>fail</c> makes the dev cluster fail it.</summary>
    public static KubeObject Job(string ns, string name, string hook, string? simulate = null, string? deletePolicy = null)
    {
        var job = Json("""
            {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"@name","namespace":"@ns"},
             "spec":{"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"main","image":"busybox:1.36","command":["true"]}]}}}}
            """, ("@name", name), ("@ns", ns));
        job.SetAnnotation("argocd.argoproj.io/hook", hook);
        if (simulate is not null)
        {
            job.SetAnnotation("devcluster.homelab.dev/simulate", simulate);
        }

        if (deletePolicy is not null)
        {
            job.SetAnnotation("argocd.argoproj.io/hook-delete-policy", deletePolicy);
        }

        return job;
    }

    private static KubeObject Json(string template, params (string Placeholder, string Value)[] values) =>
        KubeObject.FromJson(values.Aggregate(template, (text, v) => text.Replace(v.Placeholder, v.Value, StringComparison.Ordinal)));

    public static KubeObject WithAnnotation(this KubeObject obj, string key, string value)
    {
        obj.SetAnnotation(key, value);
        return obj;
    }
}
