using Homelab.DevCluster.Tests.Infrastructure;

namespace Homelab.DevCluster.Tests;

/// <summary>Concurrent writers: patches are retried against the newest object, creates race to exactly one winner.</summary>
public sealed class ConcurrencyTests(DevClusterFixture cluster) : IClassFixture<DevClusterFixture>
{
    private const string Cm = "/api/v1/namespaces/default/configmaps";

    [Fact]
    public async Task Concurrent_patches_and_applies_all_land()
    {
        Assert.Equal(201, (await cluster.SendAsync(HttpMethod.Post, Cm, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"busy"}}""")).Code);
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                var (code, body) = w % 2 == 0
                    ? await cluster.SendAsync(HttpMethod.Patch, $"{Cm}/busy", $"{{\"data\":{{\"w{w}-{i}\":\"x\"}}}}", "application/merge-patch+json")
                    : await cluster.SendAsync(HttpMethod.Patch, $"{Cm}/busy?fieldManager=writer-{w}-{i}", $"{{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{{\"name\":\"busy\"}},\"data\":{{\"w{w}-{i}\":\"x\"}}}}", "application/apply-patch+yaml");
                Assert.True(code == 200, $"writer {w} got {code}: {body}");
            }
        })).ToList();
        await Task.WhenAll(writers);

        var (_, final) = await cluster.SendAsync(HttpMethod.Get, $"{Cm}/busy");
        Assert.Equal(160, final!["data"]!.AsObject().Count);
    }

    [Fact]
    public async Task Racing_creates_have_exactly_one_winner()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ =>
            cluster.SendAsync(HttpMethod.Post, Cm, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"race"}}""")));
        Assert.Equal(1, results.Count(r => r.Code == 201));
        Assert.Equal(15, results.Count(r => r.Code == 409));
    }
}
