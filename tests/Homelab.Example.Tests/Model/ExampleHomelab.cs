using System.Text.Json.Nodes;
using Homelab.Manifests.Objects;
using Homelab.Manifests.Rendering;
using Homelab.Manifests.Substitution;
using Homelab.Manifests.Tools;
using Homelab.Manifests.Yaml;

namespace Homelab.Example.Tests.Model;

/// <summary>
/// The example homelab as the two reconcilers would see it: the Flux root read from
/// <c>infrastructure/cluster</c>, every Kustomization and HelmRelease rendered (post-build
/// substitution applied), and the Argo tree discovered from <c>applications/root</c> by rendering
/// each Application and expanding each ApplicationSet, exactly as app-of-apps unfolds.
/// </summary>
public sealed class ExampleHomelab
{
    public const string FluxRoot = "infrastructure/cluster";
    public const string ArgoRoot = "applications/root";

    private ExampleHomelab(string root) => Root = root;

    public string Root { get; }

    public IReadOnlyList<KubeObject> GitRepositories { get; private set; } = [];

    public IReadOnlyList<FluxKustomization> Kustomizations { get; private set; } = [];

    public IReadOnlyList<KubeObject> HelmReleases { get; private set; } = [];

    public IReadOnlyList<ArgoApplication> Applications { get; private set; } = [];

    public IReadOnlyList<KubeObject> ApplicationSets { get; private set; } = [];

    public IReadOnlyList<KubeObject> AppProjects { get; private set; } = [];

    public IReadOnlyList<RenderedPath> FluxRenders { get; private set; } = [];

    public IReadOnlyList<RenderedPath> ArgoRenders { get; private set; } = [];

    public IEnumerable<RenderedPath> AllRenders => FluxRenders.Concat(ArgoRenders);

    public static async Task<ExampleHomelab> LoadAsync(string root, CancellationToken cancellationToken)
    {
        var homelab = new ExampleHomelab(root);
        var renderer = new ManifestRenderer(KubeToolLocator.Pinned);
        await homelab.LoadFluxAsync(renderer, cancellationToken);
        await homelab.LoadArgoAsync(renderer, cancellationToken);
        return homelab;
    }

    private async Task LoadFluxAsync(ManifestRenderer renderer, CancellationToken cancellationToken)
    {
        var rootObjects = ReadYamlFiles(FluxRoot);
        GitRepositories = rootObjects.Where(o => o.Kind == "GitRepository").ToList();
        Kustomizations = rootObjects.Where(o => o.Kind == "Kustomization" && o.Group == "kustomize.toolkit.fluxcd.io").Select(FluxKustomization.From).ToList();

        var renders = new List<RenderedPath>();
        foreach (var kustomization in Kustomizations)
        {
            var request = new RenderRequest
            {
                SourceRoot = Root,
                Path = RepositoryRoot.Normalize(kustomization.Path),
                Type = RenderType.Auto,
                Directory = new DirectoryOptions { Flux = true },
            };
            var objects = (await renderer.RenderAsync(request, cancellationToken)).Objects;
            if (kustomization.Substitute is not null)
            {
                objects = PostBuildSubstitution.Apply(objects, kustomization.Substitute);
            }

            renders.Add(new RenderedPath($"Kustomization {kustomization.Key}", kustomization.Path, null, objects));
        }

        HelmReleases = renders.SelectMany(r => r.Objects).Where(o => o.Kind == "HelmRelease").ToList();
        foreach (var release in HelmReleases)
        {
            renders.Add(await RenderHelmReleaseAsync(renderer, release, cancellationToken));
        }

        FluxRenders = renders;
    }

    /// <summary>A HelmRelease whose chart is a path in the GitRepository: helm template with its inline values.</summary>
    private async Task<RenderedPath> RenderHelmReleaseAsync(ManifestRenderer renderer, KubeObject release, CancellationToken cancellationToken)
    {
        var chart = release.GetString("spec", "chart", "spec", "chart")
            ?? throw new InvalidOperationException($"HelmRelease {release.Name} has no spec.chart.spec.chart");
        var ns = release.GetString("spec", "targetNamespace") ?? release.Namespace!;
        var request = new RenderRequest
        {
            SourceRoot = Root,
            Path = RepositoryRoot.Normalize(chart),
            Type = RenderType.Helm,
            Helm = new HelmOptions
            {
                ReleaseName = release.GetString("spec", "releaseName") ?? release.Name,
                Namespace = ns,
                ValuesObject = release.Get("spec", "values")?.DeepClone() as JsonObject,
            },
        };
        var objects = (await renderer.RenderAsync(request, cancellationToken)).Objects;
        return new RenderedPath($"HelmRelease {release.Namespace}/{release.Name}", chart, ns, objects);
    }

    private async Task LoadArgoAsync(ManifestRenderer renderer, CancellationToken cancellationToken)
    {
        var pending = new Queue<ArgoApplication>(ReadYamlFiles(ArgoRoot).Where(o => o.Kind == "Application").Select(o => new ArgoApplication(o, ArgoRoot)));
        var applications = new List<ArgoApplication>();
        var applicationSets = new List<KubeObject>();
        var projects = new List<KubeObject>();
        var renders = new List<RenderedPath>();
        while (pending.TryDequeue(out var application))
        {
            if (applications.Any(a => a.Name == application.Name))
            {
                throw new InvalidOperationException($"Application {application.Name} is defined twice (second by {application.GeneratedBy})");
            }

            applications.Add(application);
            var objects = (await renderer.RenderAsync(application.ToRenderRequest(Root), cancellationToken)).Objects;
            renders.Add(new RenderedPath($"Application {application.Name}", application.Path, application.DestinationNamespace, objects));
            projects.AddRange(objects.Where(o => o.Kind == "AppProject"));
            foreach (var child in objects.Where(o => o.Kind == "Application"))
            {
                pending.Enqueue(new ArgoApplication(child, $"Application {application.Name}"));
            }

            foreach (var set in objects.Where(o => o.Kind == "ApplicationSet"))
            {
                applicationSets.Add(set);
                foreach (var generated in GitDirectoriesGenerator.Generate(set, Root))
                {
                    pending.Enqueue(generated);
                }
            }
        }

        Applications = applications;
        ApplicationSets = applicationSets;
        AppProjects = projects;
        ArgoRenders = renders;
    }

    /// <summary>Every object in the folder's YAML files, read natively; kustomize's own config file is not an object.</summary>
    private List<KubeObject> ReadYamlFiles(string folder) =>
        Directory.EnumerateFiles(Path.Combine(Root, folder), "*.yaml")
            .Where(f => Path.GetFileName(f) != "kustomization.yaml")
            .Order(StringComparer.Ordinal)
            .SelectMany(f => YamlReader.ReadObjects(File.ReadAllText(f), Path.GetRelativePath(Root, f)))
            .ToList();
}
