namespace Homelab.Manifests.Rendering;

/// <summary>One input of a directory render: a YAML file to read, or (Flux mode) a folder kustomize builds.</summary>
internal sealed record ManifestSource(string AbsolutePath, bool IsKustomization);
