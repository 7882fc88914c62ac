using Microsoft.Extensions.DependencyInjection;

namespace Homelab.Controllers;

/// <summary>
/// The controllers registered with <see cref="ControllerServiceCollectionExtensions.AddController{TReconciler}"/>, by name,
/// so any code can wake objects of another kind (dependents, webhooks, API calls). Resolved lazily:
/// reconcilers may depend on the registry while the registry's controllers depend on the reconcilers.
/// </summary>
public sealed class ControllerRegistry
{
    private readonly Lazy<IReadOnlyDictionary<string, Controller>> _controllers;

    public ControllerRegistry(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _controllers = new Lazy<IReadOnlyDictionary<string, Controller>>(
            () => services.GetServices<Controller>().ToDictionary(c => c.Name, StringComparer.Ordinal));
    }

    public IReadOnlyCollection<Controller> All => [.. _controllers.Value.Values];

    /// <exception cref="KeyNotFoundException">No controller of that name is registered.</exception>
    public Controller Get(string name) =>
        _controllers.Value.TryGetValue(name, out var controller)
            ? controller
            : throw new KeyNotFoundException($"no controller named '{name}' is registered (registered: {string.Join(", ", _controllers.Value.Keys.Order(StringComparer.Ordinal))})");

    public bool TryGet(string name, out Controller controller) => _controllers.Value.TryGetValue(name, out controller!);
}
