namespace Homelab.Git.Tests.Infrastructure;

/// <summary>One sshd shared by a test class: its start and key generation cost more than most SSH tests.</summary>
public sealed class SshServerFixture : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();

    public SshServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await SshServer.StartAsync(_temp.Sub("sshd"));

    public Task DisposeAsync()
    {
        Server.Dispose();
        _temp.Dispose();
        return Task.CompletedTask;
    }
}
