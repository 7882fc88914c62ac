namespace Homelab.Cli.Tests.Online;

/// <summary>Expected output in flux's and argocd's layouts, kept as files so tabs and trailing spaces are exact.</summary>
internal static class Golden
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "golden", name));
}
