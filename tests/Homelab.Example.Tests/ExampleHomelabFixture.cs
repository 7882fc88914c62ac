using Homelab.Example.Tests.Model;

namespace Homelab.Example.Tests;

/// <summary>Loads and renders the example once for every test class: rendering is the slow part.</summary>
public sealed class ExampleHomelabFixture : IAsyncLifetime
{
    private ExampleHomelab? _homelab;

    public ExampleHomelab Homelab => _homelab ?? throw new InvalidOperationException("not loaded");

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        _homelab = await ExampleHomelab.LoadAsync(RepositoryRoot.Find(), timeout.Token);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

[CollectionDefinition(Name)]
public sealed class ExampleHomelabCollection : ICollectionFixture<ExampleHomelabFixture>
{
    public const string Name = "example homelab";
}
