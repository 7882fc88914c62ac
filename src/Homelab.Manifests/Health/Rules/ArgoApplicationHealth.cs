using Homelab.Manifests.Objects;

namespace Homelab.Manifests.Health.Rules;

/// <summary>
/// A child Application (app of apps) reports its own health in <c>status.health</c>. Argo CD dropped this rule and
/// users add it back by hand; Homelab counts child applications by default.
/// </summary>
internal sealed class ArgoApplicationHealth : IHealthRule
{
    public bool AppliesTo(KubeObject obj) => obj.Kind == "Application" && obj.Group == "argoproj.io";

    public HealthStatus Assess(KubeObject obj)
    {
        var status = obj.GetString("status", "health", "status");
        var message = obj.GetString("status", "health", "message") ?? "";
        if (string.IsNullOrEmpty(status))
        {
            return HealthStatus.Progressing("Waiting for the application to report its health");
        }

        // Match names exactly: Enum.TryParse would also accept numbers and comma lists.
        var code = Enum.GetValues<HealthStatusCode>().Cast<HealthStatusCode?>().FirstOrDefault(c => c.ToString() == status);
        if (code is null)
        {
            return HealthStatus.Unknown($"Application reports an unknown health status \"{status}\"");
        }

        return new HealthStatus(code.Value, message.Length > 0 ? message : $"Application is {status}");
    }
}
