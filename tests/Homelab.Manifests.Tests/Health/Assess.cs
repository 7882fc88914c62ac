using Homelab.Manifests.Health;
using Homelab.Manifests.Objects;

namespace Homelab.Manifests.Tests.Health;

/// <summary>Runs the real assessor on an object written as JSON.</summary>
internal static class Assess
{
    private static readonly HealthAssessor Assessor = new();

    public static HealthStatus Json(string json)
    {
        var status = Assessor.Assess(KubeObject.FromJson(json));
        Assert.NotNull(status);
        Assert.False(string.IsNullOrWhiteSpace(status.Message), "every health status carries a message");
        return status;
    }

    public static HealthStatus? OrNull(string json) => Assessor.Assess(KubeObject.FromJson(json));
}
