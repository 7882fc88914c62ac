using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Homelab.Git.Webhooks;

/// <summary>
/// Checks that a webhook comes from someone holding the receiver's secret. Every comparison is
/// constant-time so response timing reveals nothing about the expected signature or token.
/// </summary>
public static class WebhookVerifier
{
    public static bool Verify(WebhookProvider provider, IHeaderDictionary headers, ReadOnlySpan<byte> body, ReadOnlySpan<byte> secret)
    {
        if (secret.IsEmpty)
        {
            // An empty secret would make every request "verified"; refuse instead.
            return false;
        }

        return provider switch
        {
            WebhookProvider.GitHub => VerifyPrefixedHmac(headers["X-Hub-Signature-256"], body, secret),
            WebhookProvider.Gitea => VerifyPrefixedHmac(headers["X-Hub-Signature-256"], body, secret)
                || VerifyHex(headers["X-Gitea-Signature"], HMACSHA256.HashData(secret, body)),
            WebhookProvider.GitLab => VerifyToken(headers["X-Gitlab-Token"], secret),
            WebhookProvider.GenericHmac => VerifyPrefixedHmac(headers["X-Signature"], body, secret),
            _ => false,
        };
    }

    /// <summary>Signature header of the form <c>sha256=&lt;hex&gt;</c> (or <c>sha1=</c>, which only generic HMAC senders still use).</summary>
    private static bool VerifyPrefixedHmac(string? header, ReadOnlySpan<byte> body, ReadOnlySpan<byte> secret)
    {
        if (string.IsNullOrEmpty(header))
        {
            return false;
        }

        var eq = header.IndexOf('=');
        if (eq <= 0)
        {
            return false;
        }

        var algorithm = header[..eq].Trim().ToLowerInvariant();
        var expected = algorithm switch
        {
            "sha256" => HMACSHA256.HashData(secret, body),
            "sha512" => HMACSHA512.HashData(secret, body),
            "sha1" => HMACSHA1.HashData(secret, body),
            _ => null,
        };
        return expected is not null && VerifyHex(header[(eq + 1)..], expected);
    }

    private static bool VerifyHex(string? hex, byte[] expected)
    {
        if (string.IsNullOrEmpty(hex))
        {
            return false;
        }

        byte[] actual;
        try
        {
            actual = Convert.FromHexString(hex.Trim());
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static bool VerifyToken(string? token, ReadOnlySpan<byte> secret)
    {
        if (string.IsNullOrEmpty(token))
        {
            return false;
        }

        // Compare digests so the comparison is constant-time even when lengths differ.
        var actual = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        var expected = SHA256.HashData(secret);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
