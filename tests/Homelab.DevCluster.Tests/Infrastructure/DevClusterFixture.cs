using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Homelab.DevCluster;
using k8s;

namespace Homelab.DevCluster.Tests.Infrastructure;

/// <summary>One dev cluster per test class: its kubeconfig, an HTTP client, a KubernetesClient and a kubectl runner.</summary>
public sealed class DevClusterFixture : IAsyncLifetime
{
    private DevClusterServer? _server;

    public DevClusterServer Server => _server ?? throw new InvalidOperationException("not started");

    public HttpClient Http { get; private set; } = null!;

    public Kubernetes Client { get; private set; } = null!;

    public Kubectl Kubectl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _server = await DevClusterServer.StartAsync(new DevClusterOptions { SimulatorDelay = TimeSpan.FromMilliseconds(200), BookmarkInterval = TimeSpan.FromMilliseconds(300) });
        Http = new HttpClient { BaseAddress = _server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(_server.KubeconfigPath));
        Kubectl = new Kubectl(_server.KubeconfigPath);
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        Http?.Dispose();
        Kubectl?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>Sends a raw request and returns the status code and the parsed JSON body (null when not JSON).</summary>
    public async Task<(int Code, JsonNode? Body)> SendAsync(HttpMethod method, string path, string? body = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        try
        {
            json = text.Length > 0 ? JsonNode.Parse(text) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON (e.g. /metrics): the caller reads the code only.
        }

        return ((int)response.StatusCode, json);
    }

    /// <summary>Waits for a condition, polling; fails with <paramref name="what"/> after the timeout.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, int timeoutSeconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting for {what}");
            }

            await Task.Delay(25);
        }
    }
}
