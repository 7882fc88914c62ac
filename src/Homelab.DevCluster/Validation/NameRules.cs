using System.Text.RegularExpressions;

namespace Homelab.DevCluster.Validation;

/// <summary>The name formats of apimachinery's validation package, with their messages.</summary>
internal static partial class NameRules
{
    public const string SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    public const string LabelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    public const string Dns1035Message =
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

    public static string? CheckSubdomain(string name) =>
        name.Length > 253 ? "must be no more than 253 characters" : Subdomain().IsMatch(name) ? null : SubdomainMessage;

    public static string? CheckLabel(string name) =>
        name.Length > 63 ? "must be no more than 63 characters" : Label().IsMatch(name) ? null : LabelMessage;

    public static string? CheckDns1035(string name) =>
        name.Length > 63 ? "must be no more than 63 characters" : Dns1035().IsMatch(name) ? null : Dns1035Message;

    /// <summary>RBAC objects only need a valid path segment (names like <c>system:controller:x</c> are fine).</summary>
    public static string? CheckPathSegment(string name) =>
        name is "." or ".." ? $"may not be '{name}'" : name.Contains('/') || name.Contains('%') ? $"may not contain '/' or '%'" : null;

    public static bool IsQualifiedName(string key) => QualifiedName().IsMatch(key) && key.Length <= 316;

    public static bool IsLabelValue(string value) => value.Length <= 63 && LabelValue().IsMatch(value);

    public static bool IsConfigKey(string key) => key.Length <= 253 && ConfigKey().IsMatch(key);

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();

    [GeneratedRegex(@"^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1035();

    [GeneratedRegex(@"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")]
    private static partial Regex LabelValue();

    [GeneratedRegex(@"^[-._a-zA-Z0-9]+$")]
    private static partial Regex ConfigKey();
}
