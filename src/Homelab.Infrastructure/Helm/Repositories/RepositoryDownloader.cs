using System.Net;

namespace Homelab.Infrastructure.Helm.Repositories;

/// <summary>GETs repository files (the index, chart packages) with a size cap and the repository's credentials.</summary>
public sealed class RepositoryDownloader(IHttpClientFactory httpClients)
{
    public const string HttpClientName = "helm-repositories";

    /// <summary>Bounds one download so a misbehaving server cannot fill memory.</summary>
    public const long MaxBytes = 128L * 1024 * 1024;

    /// <exception cref="RepositoryFetchException">The server refused, timed out or sent too much.</exception>
    public async Task<byte[]> GetAsync(Uri url, RepositoryCredentials credentials, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        credentials.Apply(request);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token);
            if (!response.IsSuccessStatusCode)
            {
                var hint = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden ? " (check the repository's secretRef)" : "";
                throw new RepositoryFetchException($"GET {Display(url)}: {(int)response.StatusCode} {response.ReasonPhrase}{hint}");
            }

            if (response.Content.Headers.ContentLength > MaxBytes)
            {
                throw new RepositoryFetchException($"GET {Display(url)}: {response.Content.Headers.ContentLength} bytes is over the {MaxBytes}-byte limit");
            }

            await using var body = await response.Content.ReadAsStreamAsync(timeoutSource.Token);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(chunk, timeoutSource.Token)) > 0)
            {
                if (buffer.Length + read > MaxBytes)
                {
                    throw new RepositoryFetchException($"GET {Display(url)}: more than {MaxBytes} bytes");
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RepositoryFetchException($"GET {Display(url)}: timed out after {timeout.TotalSeconds:0.#}s");
        }
        catch (HttpRequestException e)
        {
            throw new RepositoryFetchException($"GET {Display(url)}: {e.Message}");
        }
    }

    /// <summary>A URL may carry user info; never show it.</summary>
    public static string Display(Uri url) =>
        string.IsNullOrEmpty(url.UserInfo) ? url.ToString() : new UriBuilder(url) { UserName = "", Password = "" }.Uri.ToString();
}

/// <summary>A repository file could not be fetched; the message is safe to show (no credentials).</summary>
public sealed class RepositoryFetchException(string message) : Exception(message);
