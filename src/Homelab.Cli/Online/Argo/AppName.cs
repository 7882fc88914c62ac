using Homelab.Api.Applications.V1;

namespace Homelab.Cli.Online.Argo;

/// <summary>Application names as argocd takes them: <c>namespace/name</c>, or <c>name</c> in the <c>-N</c> (else the server's default) namespace.</summary>
public static class AppName
{
    public static ApplicationRef Parse(string text, string? appNamespace)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return Valid(new ApplicationRef { Namespace = appNamespace ?? "", Name = text }, text);
        }

        return Valid(new ApplicationRef { Namespace = text[..slash], Name = text[(slash + 1)..] }, text);
    }

    /// <summary>"argocd/plex", or "plex" when the namespace is not known.</summary>
    public static string Qualified(ApplicationRef reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return string.IsNullOrEmpty(reference.Namespace) ? reference.Name : $"{reference.Namespace}/{reference.Name}";
    }

    public static string Subject(ApplicationRef reference) => $"application {Qualified(reference)}";

    private static ApplicationRef Valid(ApplicationRef reference, string text) =>
        reference.Name.Length == 0 || reference.Name.Contains('/', StringComparison.Ordinal)
            ? throw new CommandFailedException($"'{text}' is not an application name: expected NAME or NAMESPACE/NAME")
            : reference;
}
