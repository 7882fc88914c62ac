using System.Text.Json.Nodes;

namespace Homelab.DevCluster.Discovery;

/// <summary>What <c>/version</c> reports: the Kubernetes version this server imitates.</summary>
internal static class VersionInfo
{
    public const string GitVersion = "v1.35.2-devcluster";

    public static JsonObject Document() => new()
    {
        ["major"] = "1",
        ["minor"] = "35",
        ["emulationMajor"] = "1",
        ["emulationMinor"] = "35",
        ["gitVersion"] = GitVersion,
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2026-01-01T00:00:00Z",
        ["goVersion"] = "go1.25",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };
}
