namespace Homelab.Cli.Tests.Online;

/// <summary>A temporary directory standing in for a checkout, with an optional <c>.homelab/apphost.json</c>.</summary>
internal sealed class TempCheckout : IDisposable
{
    public TempCheckout()
    {
        Root = Path.Combine(Path.GetTempPath(), $"homelab-cli-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string StatePath => Path.Combine(Root, ".homelab", "apphost.json");

    public void WriteState(string json)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(StatePath)!);
        File.WriteAllText(StatePath, json);
    }

    public string Subdirectory(string relative)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(path);
        return path;
    }

    public CliEnvironment Environment(string? workingDirectory = null, params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return new CliEnvironment(name => map.GetValueOrDefault(name), workingDirectory ?? Root);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
