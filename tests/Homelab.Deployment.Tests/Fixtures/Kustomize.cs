using Homelab.Manifests.Objects;
using Homelab.Manifests.Tools;
using Homelab.Manifests.Yaml;

namespace Homelab.Deployment.Tests.Fixtures;

/// <summary>The real, pinned <c>kubectl kustomize</c>.</summary>
internal static class Kustomize
{
    public static async Task<string> RenderAsync(string directory)
    {
        var kubectl = KubeToolLocator.Pinned.Locate(KubeTool.Kubectl);
        var result = await ProcessRunner.RunAsync(kubectl, ["kustomize", directory], directory, new Dictionary<string, string?>(), TimeSpan.FromSeconds(60), null, CancellationToken.None);
        Assert.True(result.ExitCode == 0, $"kubectl kustomize {directory} failed: {result.StandardError}");
        return result.StandardOutput;
    }

    public static async Task<IReadOnlyList<KubeObject>> ObjectsAsync(string directory) =>
        YamlReader.ReadObjects(await RenderAsync(directory), Path.GetFileName(directory) + ".yaml");
}
