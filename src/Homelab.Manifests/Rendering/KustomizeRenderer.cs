using Homelab.Manifests.Objects;
using Homelab.Manifests.Tools;

namespace Homelab.Manifests.Rendering;

/// <summary>
/// Builds a kustomization with the real <c>kubectl kustomize</c>, run from the source root on a
/// root-relative path, after <see cref="KustomizationScanner"/> has confined every referenced path.
/// </summary>
internal sealed class KustomizeRenderer(KubeToolLocator tools, SourceTree tree, RenderLimits limits)
{
    public async Task<IReadOnlyList<KubeObject>> RenderAsync(string directory, KustomizeOptions options, CancellationToken cancellationToken)
    {
        var file = KustomizationFile.Find(directory)
            ?? throw new ManifestException("no kustomization.yaml, kustomization.yml or Kustomization here", new SourceLocation(tree.Display(directory)));
        var location = new SourceLocation(tree.Display(file));
        new KustomizationScanner(tree, limits).Check(directory);

        string[] arguments =
        [
            "kustomize",
            tree.Display(directory),
            "--load-restrictor",
            options.LoadRestrictor == KustomizeLoadRestrictor.RootOnly ? "LoadRestrictionsRootOnly" : "LoadRestrictionsNone",
        ];
        var result = await ToolRun.RunAsync(tools.Locate(KubeTool.Kubectl), arguments, tree.Root, environment: null, limits, location, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw ToolError.Create("kustomize build", result, tree.Root, location, []);
        }

        return ToolOutput.Read(result.StandardOutput, $"{location.File} (kustomize output)", limits)
            .Select(o => ToolOutput.Relocate(o, location))
            .ToList();
    }
}
