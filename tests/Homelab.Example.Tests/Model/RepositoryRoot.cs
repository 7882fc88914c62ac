namespace Homelab.Example.Tests.Model;

/// <summary>Finds the checkout that holds the example homelab, from the test binaries upwards.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Homelab.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no Homelab.sln above {AppContext.BaseDirectory}");
    }

    /// <summary>Flux and Argo write paths as <c>./a/b</c>, <c>a/b</c> or <c>a/b/</c>; the renderer wants <c>a/b</c>.</summary>
    public static string Normalize(string path) => path.Trim().TrimStart('.', '/').TrimEnd('/');
}
