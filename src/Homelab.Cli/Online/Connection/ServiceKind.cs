namespace Homelab.Cli.Online.Connection;

/// <summary>One of the two Homelab services the CLI talks to, with every name it is known by.</summary>
public sealed record ServiceKind(string DisplayName, string Flag, string EnvironmentVariable, string AppHostResource)
{
    public static readonly ServiceKind Infrastructure =
        new("infrastructure", "--server", "HOMELAB_INFRASTRUCTURE_SERVER", "infrastructure");

    public static readonly ServiceKind Applications =
        new("applications", "--app-server", "HOMELAB_APPLICATIONS_SERVER", "applications");

    /// <summary>The environment variable holding the bearer token for mutating calls.</summary>
    public const string TokenVariable = "HOMELAB_TOKEN";
}
