using System.Globalization;
using System.Text.Json.Nodes;
using Homelab.Manifests.Objects;

namespace Homelab.Controllers.Leadership;

/// <summary>The election-relevant fields of a coordination.k8s.io/v1 Lease's spec.</summary>
internal sealed record LeaseRecord(string? HolderIdentity, int LeaseDurationSeconds, DateTimeOffset? AcquireTime, DateTimeOffset? RenewTime, int LeaseTransitions)
{
    public static LeaseRecord Read(KubeObject lease)
    {
        var spec = lease.Get("spec") as JsonObject;
        return new(
            spec?["holderIdentity"]?.GetValue<string>(),
            spec?["leaseDurationSeconds"]?.GetValue<int>() ?? 0,
            ParseTime(spec?["acquireTime"]),
            ParseTime(spec?["renewTime"]),
            spec?["leaseTransitions"]?.GetValue<int>() ?? 0);
    }

    public bool IsHeld => !string.IsNullOrEmpty(HolderIdentity);

    /// <summary>Held by someone whose last renewal is still within the lease duration.</summary>
    public bool IsHeldAt(DateTimeOffset now) =>
        IsHeld && RenewTime is { } renewed && renewed + TimeSpan.FromSeconds(LeaseDurationSeconds) > now;

    public JsonObject ToSpec()
    {
        var spec = new JsonObject
        {
            ["leaseDurationSeconds"] = LeaseDurationSeconds,
            ["leaseTransitions"] = LeaseTransitions,
        };
        if (HolderIdentity is not null)
        {
            spec["holderIdentity"] = HolderIdentity;
        }

        if (AcquireTime is { } acquired)
        {
            spec["acquireTime"] = FormatTime(acquired);
        }

        if (RenewTime is { } renewed)
        {
            spec["renewTime"] = FormatTime(renewed);
        }

        return spec;
    }

    /// <summary>Kubernetes MicroTime: RFC 3339 with microseconds, in UTC.</summary>
    private static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset? ParseTime(JsonNode? node) =>
        node?.GetValue<string>() is { Length: > 0 } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;
}
