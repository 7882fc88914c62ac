using System.Collections.Concurrent;
using Homelab.Controllers;

namespace Homelab.Applications.Applications;

/// <summary>The in-memory <see cref="ApplicationState"/> of every Application, by key.</summary>
public sealed class ApplicationStates
{
    private readonly ConcurrentDictionary<ObjectKey, ApplicationState> _states = new();

    public ApplicationState For(ObjectKey key) => _states.GetOrAdd(key, _ => new ApplicationState());

    public void Forget(ObjectKey key) => _states.TryRemove(key, out _);

    public IReadOnlyList<ObjectKey> WaitingForInfrastructure() =>
        [.. _states.Where(s => s.Value.WaitingForInfrastructure).Select(s => s.Key)];
}
