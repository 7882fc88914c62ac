using Homelab.Git.Fetching;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Homelab.Git.Tests;

public sealed class GitServiceCollectionTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddGitSources(configuration).BuildServiceProvider();
    }

    [Fact]
    public void Configuration_binds_timeouts_and_url_mappings()
    {
        var cache = Path.Combine(Path.GetTempPath(), "homelab-git-tests", Guid.NewGuid().ToString("N"));
        using var provider = Build(new()
        {
            ["Git:CacheDirectory"] = cache,
            ["Git:Timeout"] = "00:00:15",
            ["Git:UrlMappings:0:From"] = "https://github.com/me/homelab",
            ["Git:UrlMappings:0:To"] = "file:///work/main",
            ["Git:Snapshots:Directory"] = cache + "-snapshots",
        });

        var options = provider.GetRequiredService<IOptions<GitSourceOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(15), options.Timeout);
        Assert.Equal(("https://github.com/me/homelab", "file:///work/main"), (options.UrlMappings[0].From, options.UrlMappings[0].To));
        Assert.NotNull(provider.GetRequiredService<GitSourceClient>());
    }

    [Fact]
    public void Invalid_options_are_refused()
    {
        using var provider = Build(new() { ["Git:MaxAttempts"] = "0" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<GitSourceOptions>>().Value);

        Assert.Contains("invalid Git options", error.Message);
    }
}
