using Homelab.Manifests.Objects;

namespace Homelab.Manifests;

/// <summary>
/// Bad input in a manifest, a render or a substitution. The message is meant for the user and always
/// names the file (and line) when one is known; it never carries Secret values.
/// </summary>
public sealed class ManifestException : Exception
{
    public ManifestException(string message, SourceLocation? location = null, Exception? inner = null)
        : base(location is null ? message : $"{location}: {message}", inner)
    {
        Location = location;
        Reason = message;
    }

    public ManifestException()
        : this("invalid manifest")
    {
    }

    public ManifestException(string message)
        : this(message, null, null)
    {
    }

    public ManifestException(string message, Exception inner)
        : this(message, null, inner)
    {
    }

    /// <summary>The file and line at fault, when known.</summary>
    public SourceLocation? Location { get; }

    /// <summary>The message without its location prefix.</summary>
    public string Reason { get; }
}
