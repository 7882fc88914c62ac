namespace Homelab.Deployment.Tests.Fixtures;

/// <summary>
/// Tests that run the services in-process share prometheus-net's process-wide registry and two cores:
/// they run one after another.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "services";
}
