using Homelab.Cli.Online.Connection;

namespace Homelab.Cli.Tests.Online;

public sealed class ConnectionResolverTests
{
    private const string StateWithToken = """
        {
          "resources": [
            { "name": "dev-cluster", "state": "Running", "endpoints": { "api": "http://127.0.0.1:37349/" } },
            { "name": "infrastructure", "state": "Running", "endpoints": { "http": "http://127.0.0.1:40001", "grpc": "http://127.0.0.1:40002" } },
            { "name": "applications", "state": "Running", "endpoints": { "grpc": "http://127.0.0.1:40012" } }
          ],
          "token": "apphost-secret"
        }
        """;

    [Fact]
    public void Apphost_json_is_found_from_a_subdirectory_with_its_token()
    {
        using var checkout = new TempCheckout();
        checkout.WriteState(StateWithToken);
        var resolver = new ConnectionResolver(checkout.Environment(checkout.Subdirectory("applications/stacks/media")));

        var infrastructure = resolver.Resolve(ServiceKind.Infrastructure, null);
        var applications = resolver.Resolve(ServiceKind.Applications, null);

        Assert.Equal(new Uri("http://127.0.0.1:40002"), infrastructure.Address);
        Assert.Equal(checkout.StatePath, infrastructure.Origin);
        Assert.Equal("apphost-secret", infrastructure.Token);
        Assert.Equal(new Uri("http://127.0.0.1:40012"), applications.Address);
    }

    [Fact]
    public void Apphost_json_without_a_token_gives_no_token()
    {
        using var checkout = new TempCheckout();
        checkout.WriteState("""{ "resources": [ { "name": "infrastructure", "endpoints": { "grpc": "http://127.0.0.1:40002" } } ] }""");

        var target = new ConnectionResolver(checkout.Environment()).Resolve(ServiceKind.Infrastructure, null);

        Assert.Null(target.Token);
    }

    [Fact]
    public void The_environment_token_wins_over_apphost_json()
    {
        using var checkout = new TempCheckout();
        checkout.WriteState(StateWithToken);

        var target = new ConnectionResolver(checkout.Environment(null, ("HOMELAB_TOKEN", "from-env"))).Resolve(ServiceKind.Infrastructure, null);

        Assert.Equal("from-env", target.Token);
    }

    [Fact]
    public void Flag_wins_over_environment_which_wins_over_apphost_json()
    {
        using var checkout = new TempCheckout();
        checkout.WriteState(StateWithToken);
        var environment = checkout.Environment(null, ("HOMELAB_INFRASTRUCTURE_SERVER", "127.0.0.1:5000"));

        var fromFlag = new ConnectionResolver(environment).Resolve(ServiceKind.Infrastructure, "http://localhost:6000");
        var fromVariable = new ConnectionResolver(environment).Resolve(ServiceKind.Infrastructure, null);

        Assert.Equal((new Uri("http://localhost:6000"), "--server"), (fromFlag.Address, fromFlag.Origin));
        Assert.Equal((new Uri("http://127.0.0.1:5000"), "HOMELAB_INFRASTRUCTURE_SERVER"), (fromVariable.Address, fromVariable.Origin));
        // The apphost token belongs to the apphost's services only.
        Assert.Null(fromVariable.Token);
    }

    [Fact]
    public void Nothing_configured_names_every_way_to_configure()
    {
        using var checkout = new TempCheckout();

        var error = Assert.Throws<CommandFailedException>(() => new ConnectionResolver(checkout.Environment()).Resolve(ServiceKind.Applications, null));

        Assert.Contains("--app-server", error.Message, StringComparison.Ordinal);
        Assert.Contains("HOMELAB_APPLICATIONS_SERVER", error.Message, StringComparison.Ordinal);
        Assert.Contains(".homelab/apphost.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_resource_without_a_grpc_endpoint_says_so_with_its_state()
    {
        using var checkout = new TempCheckout();
        checkout.WriteState("""{ "resources": [ { "name": "applications", "state": "Waiting", "endpoints": {} } ] }""");

        var error = Assert.Throws<CommandFailedException>(() => new ConnectionResolver(checkout.Environment()).Resolve(ServiceKind.Applications, null));

        Assert.Contains("no grpc endpoint", error.Message, StringComparison.Ordinal);
        Assert.Contains("Waiting", error.Message, StringComparison.Ordinal);
        Assert.Contains(checkout.StatePath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_resource_and_a_corrupt_file_are_clear_errors()
    {
        using var checkout = new TempCheckout();
        checkout.WriteState("""{ "resources": [ { "name": "dev-cluster", "endpoints": {} } ] }""");
        var missing = Assert.Throws<CommandFailedException>(() => new ConnectionResolver(checkout.Environment()).Resolve(ServiceKind.Infrastructure, null));
        Assert.Contains("no 'infrastructure' resource", missing.Message, StringComparison.Ordinal);

        checkout.WriteState("{ not json");
        var corrupt = Assert.Throws<CommandFailedException>(() => new ConnectionResolver(checkout.Environment()).Resolve(ServiceKind.Infrastructure, null));
        Assert.StartsWith(checkout.StatePath, corrupt.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://host:1")]
    [InlineData("http://")]
    public void Bad_addresses_name_where_they_came_from(string address)
    {
        using var checkout = new TempCheckout();

        var error = Assert.Throws<CommandFailedException>(() => new ConnectionResolver(checkout.Environment()).Resolve(ServiceKind.Infrastructure, address));

        Assert.Contains("--server", error.Message, StringComparison.Ordinal);
    }
}
