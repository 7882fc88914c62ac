namespace Homelab.Manifests.Tests.BadInput;

/// <summary>A temporary folder removed after the test, for inputs generated at run time (huge files, links).</summary>
internal sealed class TempRoot : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("homelab-manifests-");

    public string Path => _directory.FullName;

    public void Dispose() => _directory.Delete(recursive: true);
}
