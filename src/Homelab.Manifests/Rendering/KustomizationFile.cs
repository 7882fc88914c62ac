namespace Homelab.Manifests.Rendering;

/// <summary>The file names kustomize recognises as a kustomization, in its order of preference.</summary>
internal static class KustomizationFile
{
    private static readonly string[] Names = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

    /// <summary>The kustomization file in <paramref name="directory"/>, or null.</summary>
    public static string? Find(string directory) =>
        Names.Select(name => Path.Combine(directory, name)).FirstOrDefault(File.Exists);
}
