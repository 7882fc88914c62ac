using System.Text.Json.Nodes;
using Homelab.Controllers.Hosting;
using Homelab.Kubernetes.Client;
using Homelab.Kubernetes.Errors;
using Homelab.Manifests.Objects;

namespace Homelab.Applications.Hosting;

/// <summary>
/// Creates the <c>default</c> AppProject (allowing every repository, destination and kind) in the
/// applications namespace when there is none, as Argo CD does on start, so Applications that name no
/// project (or <c>default</c>) work on a fresh cluster. An existing <c>default</c> is never touched.
/// Creating is idempotent (AlreadyExists is success), so replicas need no leader for it.
/// </summary>
internal sealed class DefaultProject(
    IClusterClient client,
    CrdInstallation crds,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<DefaultProject> logger) : BackgroundService
{
    public const string Name = "default";

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var ns = ApplicationNamespace.From(configuration);
        await crds.Completed.WaitAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await EnsureAsync(ns, stoppingToken);
                return;
            }
            catch (KubernetesApiException e)
            {
                logger.LogWarning("Could not create the default AppProject in {Namespace} yet: {Problem}", ns, e.Message);
            }

            await Task.Delay(RetryDelay, time, stoppingToken);
        }
    }

    private async Task EnsureAsync(string ns, CancellationToken cancellationToken)
    {
        var reference = new ObjectReference("argoproj.io/v1alpha1", "AppProject", ns, Name);
        if (await client.TryGetAsync(reference, cancellationToken) is not null)
        {
            return;
        }

        await CreateIfAbsentAsync(Namespace(ns), cancellationToken);
        await CreateIfAbsentAsync(Project(ns), cancellationToken);
        logger.LogInformation("Created the default AppProject in {Namespace}", ns);
    }

    private async Task CreateIfAbsentAsync(KubeObject obj, CancellationToken cancellationToken)
    {
        try
        {
            await client.CreateAsync(obj, new WriteOptions(FieldManager: "argocd-controller"), cancellationToken);
        }
        catch (AlreadyExistsException)
        {
            // Someone (a user, another replica, Argo CD itself) was first: theirs stands.
        }
    }

    private static KubeObject Namespace(string ns) => new(new JsonObject
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Namespace",
        ["metadata"] = new JsonObject { ["name"] = ns },
    });

    private static KubeObject Project(string ns) => new(new JsonObject
    {
        ["apiVersion"] = "argoproj.io/v1alpha1",
        ["kind"] = "AppProject",
        ["metadata"] = new JsonObject { ["name"] = Name, ["namespace"] = ns },
        ["spec"] = new JsonObject
        {
            ["sourceRepos"] = new JsonArray("*"),
            ["destinations"] = new JsonArray(new JsonObject { ["server"] = "*", ["namespace"] = "*" }),
            ["clusterResourceWhitelist"] = new JsonArray(new JsonObject { ["group"] = "*", ["kind"] = "*" }),
        },
    });
}
