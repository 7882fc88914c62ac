using System.Security.Cryptography;
using System.Text;

namespace Homelab.Git.Credentials;

/// <summary>
/// An OpenSSH <c>known_hosts</c> file: plain (<c>host,host2 type key</c>), bracketed ports
/// (<c>[host]:2222</c>) and hashed (<c>|1|salt|hash</c>) host patterns. An SSH connection is accepted
/// only when the host presents exactly a key listed for it: unknown hosts are refused.
/// </summary>
public sealed class KnownHosts
{
    private readonly IReadOnlyList<Entry> _entries;

    private KnownHosts(IReadOnlyList<Entry> entries) => _entries = entries;

    public int Count => _entries.Count;

    /// <summary>Parses the file; <paramref name="source"/> names it in errors (e.g. <c>secret 'ns/name' key 'known_hosts'</c>).</summary>
    public static KnownHosts Parse(string text, string source)
    {
        var entries = new List<Entry>();
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 0 && fields[0].StartsWith('@'))
            {
                // @cert-authority / @revoked markers: we trust plain host keys only, so skip them.
                continue;
            }

            if (fields.Length < 3)
            {
                throw new FormatException($"{source} line {lineNumber}: expected 'host key-type base64-key'");
            }

            byte[] key;
            try
            {
                key = Convert.FromBase64String(fields[2]);
            }
            catch (FormatException)
            {
                throw new FormatException($"{source} line {lineNumber}: the key is not valid base64");
            }

            entries.Add(new Entry(fields[0].Split(','), fields[1], key));
        }

        if (entries.Count == 0)
        {
            throw new FormatException($"{source}: no host keys found");
        }

        return new KnownHosts(entries);
    }

    /// <summary>True only when <paramref name="host"/> is listed with this exact key type and key.</summary>
    public bool IsTrusted(string host, int port, string keyType, ReadOnlySpan<byte> key)
    {
        var name = port is 22 or <= 0 ? host : $"[{host}]:{port}";
        foreach (var entry in _entries)
        {
            if (entry.KeyType == keyType && key.SequenceEqual(entry.Key) && entry.Patterns.Any(p => Matches(p, name)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the host is listed at all, whatever its key (to tell "unknown host" from "key changed").</summary>
    public bool IsListed(string host, int port)
    {
        var name = port is 22 or <= 0 ? host : $"[{host}]:{port}";
        return _entries.Any(e => e.Patterns.Any(p => Matches(p, name)));
    }

    /// <summary>The entries in OpenSSH's file format, for the SSH client to check host keys against.</summary>
    public string ToOpenSshText() =>
        string.Concat(_entries.Select(e => $"{string.Join(',', e.Patterns)} {e.KeyType} {Convert.ToBase64String(e.Key)}\n"));

    private static bool Matches(string pattern, string name)
    {
        if (pattern.StartsWith("|1|", StringComparison.Ordinal))
        {
            var parts = pattern.Split('|');
            if (parts.Length != 4)
            {
                return false;
            }

            try
            {
                var salt = Convert.FromBase64String(parts[2]);
                var expected = Convert.FromBase64String(parts[3]);
                var actual = HMACSHA1.HashData(salt, Encoding.ASCII.GetBytes(name));
                return CryptographicOperations.FixedTimeEquals(actual, expected);
            }
            catch (FormatException)
            {
                return false;
            }
        }

        return string.Equals(pattern, name, StringComparison.OrdinalIgnoreCase);
    }

    private sealed record Entry(IReadOnlyList<string> Patterns, string KeyType, byte[] Key);
}
