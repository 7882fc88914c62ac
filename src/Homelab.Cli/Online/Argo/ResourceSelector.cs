using Homelab.Api.Common.V1;

namespace Homelab.Cli.Online.Argo;

/// <summary>argocd's <c>--resource GROUP:KIND:NAME</c> (or <c>GROUP:KIND:NAMESPACE/NAME</c>); the group may be empty for core kinds.</summary>
public static class ResourceSelector
{
    public static ResourceRef Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':');
        if (parts.Length != 3 || parts[1].Length == 0 || parts[2].Length == 0)
        {
            throw new CommandFailedException($"--resource '{text}': expected GROUP:KIND:NAME or GROUP:KIND:NAMESPACE/NAME (GROUP may be empty)");
        }

        var slash = parts[2].IndexOf('/', StringComparison.Ordinal);
        return slash < 0
            ? new ResourceRef { Group = parts[0], Kind = parts[1], Name = parts[2] }
            : new ResourceRef { Group = parts[0], Kind = parts[1], Namespace = parts[2][..slash], Name = parts[2][(slash + 1)..] };
    }
}
