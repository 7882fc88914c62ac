using Homelab.Api.Applications.V1;
using Homelab.Manifests.Objects;

namespace Homelab.Applications.Api;

/// <summary>
/// What <c>argocd app wait</c> waits for: every requested flag must hold; the health flags (healthy,
/// suspended, degraded) are alternatives to each other, as in Argo's CLI.
/// </summary>
internal static class WaitConditions
{
    public static bool Hold(WaitRequest request, KubeObject app)
    {
        if (request.Sync && app.GetString("status", "sync", "status") != "Synced")
        {
            return false;
        }

        if (request.Operation && (app.Get("operation") is not null || app.GetString("status", "operationState", "phase") is "Running" or "Terminating"))
        {
            return false;
        }

        var health = app.GetString("status", "health", "status");
        var wanted = new List<string>();
        if (request.Health)
        {
            wanted.Add("Healthy");
        }

        if (request.Suspended)
        {
            wanted.Add("Suspended");
        }

        if (request.Degraded)
        {
            wanted.Add("Degraded");
        }

        return wanted.Count == 0 || (health is not null && wanted.Contains(health));
    }
}
