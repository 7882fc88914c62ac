using System.Net.Http.Headers;
using Homelab.Kubernetes.Errors;

namespace Homelab.Kubernetes.Client;

/// <summary>
/// The one path every request takes: credentials, metrics, and mapping of refusals to typed exceptions.
/// Callers get back only successful responses.
/// </summary>
internal sealed class ApiTransport(ClusterConnection connection, RequestMetrics metrics)
{
    public Uri BaseAddress => connection.BaseAddress;

    /// <param name="pathAndQuery">Relative to the server root, without a leading '/'.</param>
    public async Task<HttpResponseMessage> SendAsync(
        HttpMethod method,
        string pathAndQuery,
        string verb,
        string resource,
        CancellationToken cancellationToken,
        HttpContent? content = null,
        string? accept = null,
        bool streaming = false)
    {
        using var request = new HttpRequestMessage(method, new Uri(connection.BaseAddress, pathAndQuery)) { Content = content };
        request.Headers.Accept.ParseAdd(accept ?? "application/json");
        HttpResponseMessage response;
        try
        {
            response = await connection.SendAsync(request, streaming ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            metrics.Record(verb, resource, 0);
            throw TransientApiException.ConnectionFailed(connection.BaseAddress, e);
        }

        metrics.Record(verb, resource, (int)response.StatusCode);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw ApiErrorMapper.Map(response.StatusCode, body, resource, RetryAfter(response.Headers.RetryAfter));
        }
    }

    public async Task<string> GetStringAsync(string pathAndQuery, string verb, string resource, CancellationToken cancellationToken, string? accept = null)
    {
        using var response = await SendAsync(HttpMethod.Get, pathAndQuery, verb, resource, cancellationToken, accept: accept);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header) =>
        header?.Delta is { } delta && delta > TimeSpan.Zero ? delta : null;
}
