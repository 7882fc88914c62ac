using System.Text.RegularExpressions;

namespace Homelab.Cli.Online.Output;

/// <summary>Shortens full commit hashes and digests in revisions and messages to 8 characters, as <c>flux get</c> does.</summary>
public static partial class Revisions
{
    public static string TruncateHex(string text) =>
        string.IsNullOrEmpty(text) ? text : FullHex().Replace(text, m => m.Value[..8]);

    [GeneratedRegex("[a-f0-9]{40,64}")]
    private static partial Regex FullHex();
}
