using System.Text;

namespace Homelab.Git.Credentials;

/// <summary>Reads string values out of a Secret's decoded <c>data</c>, naming the Secret and key in errors but never the value.</summary>
internal sealed class SecretData(IReadOnlyDictionary<string, byte[]> data, string secretName)
{
    public string SecretName { get; } = secretName;

    public string? Get(string key) =>
        data.TryGetValue(key, out var bytes) && bytes.Length > 0 ? Encoding.UTF8.GetString(bytes) : null;

    public string Require(string key, string because) =>
        Get(key) ?? throw Invalid($"key '{key}' is missing or empty ({because})");

    public GitCredentialsException Invalid(string problem) => new($"secret '{SecretName}': {problem}");
}
