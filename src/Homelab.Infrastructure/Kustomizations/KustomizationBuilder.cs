using Homelab.Api.Flux;
using Homelab.Manifests;
using Homelab.Manifests.Objects;
using Homelab.Manifests.Rendering;
using Homelab.Manifests.Substitution;

namespace Homelab.Infrastructure.Kustomizations;

/// <summary>
/// Builds a Kustomization's objects from a source artifact the way kustomize-controller does: the path
/// (with its kustomization.yaml, or all YAML below it), then the spec's kustomize fields, then
/// <c>commonMetadata</c>, then post-build substitution. Throws <see cref="ManifestException"/> with the
/// kustomize/helm error text; nothing is applied from a failed build.
/// </summary>
internal sealed class KustomizationBuilder(ManifestRenderer renderer, SubstitutionVariables variables)
{
    public async Task<IReadOnlyList<KubeObject>> BuildAsync(string sourceRoot, KustomizationSpec spec, string @namespace, CancellationToken cancellationToken)
    {
        var rendered = await renderer.RenderAsync(new RenderRequest
        {
            SourceRoot = sourceRoot,
            Path = spec.Path,
            Type = RenderType.Directory,
            Directory = new DirectoryOptions { Flux = true },
        }, cancellationToken);
        IReadOnlyList<KubeObject> objects = rendered.Objects;

        if (KustomizeOverlay.IsNeeded(spec))
        {
            objects = await RenderOverlayAsync(sourceRoot, spec, objects, cancellationToken);
        }

        if (spec.CommonMetadata is { } metadata)
        {
            foreach (var obj in objects)
            {
                foreach (var (key, value) in metadata.Labels)
                {
                    obj.SetLabel(key, value);
                }

                foreach (var (key, value) in metadata.Annotations)
                {
                    obj.SetAnnotation(key, value);
                }
            }
        }

        if (spec.PostBuild is { } postBuild)
        {
            var values = await variables.GatherAsync(postBuild, @namespace, cancellationToken);
            objects = PostBuildSubstitution.Apply(objects, values);
        }

        return objects;
    }

    private async Task<IReadOnlyList<KubeObject>> RenderOverlayAsync(string sourceRoot, KustomizationSpec spec, IReadOnlyList<KubeObject> objects, CancellationToken cancellationToken)
    {
        var scratch = Directory.CreateTempSubdirectory("homelab-kustomization-");
        try
        {
            var overlay = KustomizeOverlay.Write(scratch.FullName, sourceRoot, spec, objects);
            var result = await renderer.RenderAsync(new RenderRequest
            {
                SourceRoot = scratch.FullName,
                Path = overlay,
                Type = RenderType.Kustomize,
            }, cancellationToken);
            return result.Objects;
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }
}
