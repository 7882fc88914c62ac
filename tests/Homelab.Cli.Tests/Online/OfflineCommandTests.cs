using System.Net;
using System.Net.Sockets;

namespace Homelab.Cli.Tests.Online;

/// <summary>What the online commands do before and without a server: usage, discovery and connection errors.</summary>
public sealed class OfflineCommandTests
{
    [Fact]
    public async Task Unreachable_server_is_one_line_naming_the_address_and_its_origin()
    {
        using var checkout = new TempCheckout();
        var address = $"127.0.0.1:{ClosedPort()}";

        var result = await CliRunner.RunAsync(checkout.Environment(null, ("HOMELAB_INFRASTRUCTURE_SERVER", address)), "get", "kustomizations");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Output);
        var line = Assert.Single(result.Error.TrimEnd('\n').Split('\n'));
        Assert.StartsWith($"error: cannot reach the infrastructure service at http://{address} (from HOMELAB_INFRASTRUCTURE_SERVER)", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_apphost_service_names_the_state_file()
    {
        using var checkout = new TempCheckout();
        checkout.WriteState($$"""{ "resources": [ { "name": "applications", "endpoints": { "grpc": "http://127.0.0.1:{{ClosedPort()}}" } } ] }""");

        var result = await CliRunner.RunAsync(checkout.Environment(checkout.Subdirectory("deep/inside")), "app", "list");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"(from {checkout.StatePath})", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_configuration_is_a_clear_error()
    {
        using var checkout = new TempCheckout();

        var result = await CliRunner.RunAsync(checkout.Environment(), "reconcile", "kustomization", "apps");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: no infrastructure server: pass --server ADDRESS, set HOMELAB_INFRASTRUCTURE_SERVER", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task App_diff_errors_exit_2_not_1()
    {
        using var checkout = new TempCheckout();

        var result = await CliRunner.RunAsync(checkout.Environment(), "app", "diff", "plex", "--app-server", $"127.0.0.1:{ClosedPort()}");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: cannot reach the applications service", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_resource_selector_fails_before_connecting()
    {
        using var checkout = new TempCheckout();

        var result = await CliRunner.RunAsync(checkout.Environment(), "app", "sync", "plex", "--resource", "Deployment");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: --resource 'Deployment'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_all_refuses_watch_like_flux()
    {
        using var checkout = new TempCheckout();

        var result = await CliRunner.RunAsync(checkout.Environment(), "get", "all", "-w", "--server", $"127.0.0.1:{ClosedPort()}");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: expected a single resource type, but found all\n", result.Error);
    }

    /// <summary>A loopback port nothing listens on (bound then released).</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
