using Homelab.Cli.Tests.Online;

namespace Homelab.Cli.Tests.EndToEnd;

/// <summary>With no flag and no variable the CLI finds the running services through the AppHost's state file.</summary>
public sealed class AppHostDiscoveryTests(ServicesFixture services) : IClassFixture<ServicesFixture>
{
    [Fact]
    public async Task Commands_reach_the_services_listed_in_apphost_json()
    {
        using var checkout = new TempCheckout();
        checkout.WriteState($$"""
            {
              "resources": [
                { "name": "dev-cluster", "state": "Running", "endpoints": { "api": "{{services.Cluster.BaseAddress}}" } },
                { "name": "infrastructure", "state": "Running", "endpoints": { "grpc": "{{services.InfrastructureGrpc}}" } },
                { "name": "applications", "state": "Running", "endpoints": { "grpc": "{{services.ApplicationsGrpc}}" } }
              ],
              "token": "{{ServicesFixture.Token}}"
            }
            """);
        var inside = checkout.Environment(checkout.Subdirectory("infrastructure/monitoring"));

        var sources = await CliRunner.RunAsync(inside, "get", "all", "-A");
        var apps = await CliRunner.RunAsync(inside, "app", "list");
        // A mutating call succeeds only with the token from apphost.json: NotFound, not Unauthenticated.
        var suspend = await CliRunner.RunAsync(inside, "suspend", "kustomization", "absent");

        Assert.Equal((0, ""), (sources.ExitCode, sources.Error));
        // The applications service was found and reached through apphost.json (whatever its API answers).
        Assert.DoesNotContain("cannot reach", apps.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("no applications server", apps.Error, StringComparison.Ordinal);
        Assert.Equal("error: kustomization flux-system/absent not found\n", suspend.Error);
    }
}
