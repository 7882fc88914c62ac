namespace Homelab.Deployment.Tests.Fixtures;

/// <summary>Paths in this checkout, found from the test's output folder.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string HomelabSystem => Path.Combine(Root, "infrastructure", "homelab-system");

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "Homelab.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Homelab.sln not found above " + AppContext.BaseDirectory);
    }
}
