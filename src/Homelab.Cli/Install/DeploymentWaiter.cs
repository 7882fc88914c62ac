using System.Text.Json.Nodes;
using Homelab.Kubernetes.Client;
using Homelab.Manifests.Objects;

namespace Homelab.Cli.Install;

/// <summary>Waits until the services' Deployments have rolled out (observed, updated and available), like <c>kubectl rollout status</c>.</summary>
public sealed class DeploymentWaiter(IClusterClient client, TimeProvider time)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public async Task WaitAsync(IEnumerable<string> names, string @namespace, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + timeout;
        foreach (var name in names)
        {
            var reference = new ObjectReference("apps/v1", "Deployment", @namespace, name);
            while (true)
            {
                var live = await client.TryGetAsync(reference, cancellationToken).ConfigureAwait(false);
                if (live is not null && IsRolledOut(live))
                {
                    break;
                }

                if (time.GetUtcNow() >= deadline)
                {
                    throw new CommandFailedException($"Deployment {@namespace}/{name} did not become ready within {timeout} (check `kubectl -n {@namespace} describe deployment {name}`)");
                }

                await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static bool IsRolledOut(KubeObject deployment)
    {
        var wanted = Int(deployment.Get("spec", "replicas")) ?? 1;
        return Int(deployment.Get("status", "observedGeneration")) >= Int(deployment.Get("metadata", "generation"))
            && Int(deployment.Get("status", "updatedReplicas")) >= wanted
            && Int(deployment.Get("status", "availableReplicas")) >= wanted;
    }

    private static long? Int(JsonNode? node) => node is JsonValue value && value.TryGetValue<long>(out var n) ? n : null;
}
