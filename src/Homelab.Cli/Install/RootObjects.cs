using System.Text.Json.Nodes;
using Homelab.Manifests.Objects;

namespace Homelab.Cli.Install;

/// <summary>
/// The objects that hand the cluster to Git, as <c>flux bootstrap</c> and a hand-applied Argo CD root
/// Application do: a GitRepository and a Kustomization for the infrastructure path and, when asked for, an
/// auto-synced app-of-apps Application for the applications path. Their namespaces come with them.
/// </summary>
public static class RootObjects
{
    public static IReadOnlyList<KubeObject> Build(BootstrapSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var objects = new List<KubeObject>
        {
            Namespace(settings.FluxNamespace),
            new(new JsonObject
            {
                ["apiVersion"] = "source.toolkit.fluxcd.io/v1",
                ["kind"] = "GitRepository",
                ["metadata"] = Metadata(settings.RootName, settings.FluxNamespace),
                ["spec"] = new JsonObject
                {
                    ["url"] = settings.RepositoryUrl,
                    ["ref"] = new JsonObject { ["branch"] = settings.Branch },
                    ["interval"] = "1m",
                },
            }),
            new(new JsonObject
            {
                ["apiVersion"] = "kustomize.toolkit.fluxcd.io/v1",
                ["kind"] = "Kustomization",
                ["metadata"] = Metadata(settings.RootName, settings.FluxNamespace),
                ["spec"] = new JsonObject
                {
                    ["interval"] = "10m",
                    ["sourceRef"] = new JsonObject { ["kind"] = "GitRepository", ["name"] = settings.RootName },
                    ["path"] = FluxPath(settings.InfrastructurePath),
                    ["prune"] = true,
                },
            }),
        };

        if (settings.ApplicationsPath is { } appsPath)
        {
            objects.Add(Namespace(settings.ArgoNamespace));
            objects.Add(new KubeObject(new JsonObject
            {
                ["apiVersion"] = "argoproj.io/v1alpha1",
                ["kind"] = "Application",
                ["metadata"] = Metadata(settings.RootName, settings.ArgoNamespace),
                ["spec"] = new JsonObject
                {
                    ["project"] = "default",
                    ["source"] = new JsonObject
                    {
                        ["repoURL"] = settings.RepositoryUrl,
                        ["targetRevision"] = settings.Branch,
                        ["path"] = appsPath.Trim('/').TrimStart('.', '/'),
                    },
                    ["destination"] = new JsonObject { ["server"] = "https://kubernetes.default.svc", ["namespace"] = settings.ArgoNamespace },
                    ["syncPolicy"] = new JsonObject { ["automated"] = new JsonObject { ["prune"] = true, ["selfHeal"] = true } },
                },
            }));
        }

        return objects;
    }

    /// <summary>Flux writes paths as <c>./dir</c>; a user may type <c>dir</c>, <c>/dir</c> or <c>./dir/</c>.</summary>
    private static string FluxPath(string path)
    {
        var trimmed = path.Trim().TrimStart('.').Trim('/');
        return trimmed.Length == 0 ? "./" : "./" + trimmed;
    }

    private static KubeObject Namespace(string name) => new(new JsonObject
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Namespace",
        ["metadata"] = new JsonObject { ["name"] = name },
    });

    private static JsonObject Metadata(string name, string ns) => new()
    {
        ["name"] = name,
        ["namespace"] = ns,
        ["labels"] = new JsonObject { ["app.kubernetes.io/part-of"] = "homelab", ["app.kubernetes.io/managed-by"] = Installer.FieldManager },
    };
}
