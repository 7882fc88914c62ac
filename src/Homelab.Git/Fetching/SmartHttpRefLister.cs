using System.Net.Http.Headers;
using System.Text;
using Homelab.Git.Credentials;
using Homelab.Git.Mapping;
using Homelab.Git.Refs;

namespace Homelab.Git.Fetching;

/// <summary>
/// ls-remote over smart HTTP (<c>GET …/info/refs?service=git-upload-pack</c>, protocol v0). Used for
/// bearer tokens: libgit2's ls-remote cannot send custom headers, and the token must travel as an
/// <c>Authorization: Bearer</c> header, never in the URL.
/// </summary>
internal sealed class SmartHttpRefLister(HttpClient http)
{
    public async Task<RemoteRefs> ListAsync(string url, GitCredentials credentials, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url.TrimEnd('/') + "/info/refs?service=git-upload-pack");
        if (credentials.Kind == GitCredentialKind.Bearer)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credentials.BearerToken);
        }
        else if (credentials.Kind == GitCredentialKind.Basic)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.Username}:{credentials.Password}")));
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new GitSourceException(GitFailureReason.Transport, $"ls-remote '{GitUrl.Scrub(url)}' failed: {GitUrl.ScrubText(e.Message, credentials.SecretValues())}");
        }

        using (response)
        {
            if (response.StatusCode is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden)
            {
                throw new GitSourceException(GitFailureReason.AuthenticationFailed, $"ls-remote '{GitUrl.Scrub(url)}' failed: authentication failed (HTTP {(int)response.StatusCode})");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new GitSourceException(GitFailureReason.Transport, $"ls-remote '{GitUrl.Scrub(url)}' failed: unexpected HTTP status {(int)response.StatusCode}");
            }

            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return Parse(body, url);
        }
    }

    /// <summary>Parses the pkt-line advertisement: a service line, a flush, then <c>sha name[\0capabilities]</c> lines.</summary>
    internal static RemoteRefs Parse(ReadOnlySpan<byte> body, string url)
    {
        var advertised = new List<(string, string)>();
        string? head = null;
        var position = 0;
        while (position + 4 <= body.Length)
        {
            if (!int.TryParse(Encoding.ASCII.GetString(body.Slice(position, 4)), System.Globalization.NumberStyles.HexNumber, null, out var length))
            {
                throw new GitSourceException(GitFailureReason.Transport, $"ls-remote '{GitUrl.Scrub(url)}' failed: not a smart HTTP git server");
            }

            if (length == 0)
            {
                position += 4;
                continue;
            }

            if (length < 4 || position + length > body.Length)
            {
                throw new GitSourceException(GitFailureReason.Transport, $"ls-remote '{GitUrl.Scrub(url)}' failed: truncated ref advertisement");
            }

            var line = Encoding.UTF8.GetString(body.Slice(position + 4, length - 4)).TrimEnd('\n');
            position += length;
            if (line.StartsWith('#'))
            {
                continue;
            }

            var nul = line.IndexOf('\0');
            if (nul >= 0)
            {
                foreach (var capability in line[(nul + 1)..].Split(' '))
                {
                    if (capability.StartsWith("symref=HEAD:", StringComparison.Ordinal))
                    {
                        head = capability["symref=HEAD:".Length..];
                    }
                }

                line = line[..nul];
            }

            var space = line.IndexOf(' ');
            if (space == 40 && !line.EndsWith("capabilities^{}", StringComparison.Ordinal))
            {
                advertised.Add((line[(space + 1)..], line[..space]));
            }
        }

        return RemoteRefs.FromAdvertisement(advertised, head);
    }
}
