using Homelab.Controllers;

namespace Homelab.Applications.Applications;

/// <summary>
/// Asks for an Application to be compared again now (a webhook push, an API refresh). A hard refresh
/// also drops the cached render. Same effect as the <c>argocd.argoproj.io/refresh</c> annotation, without a write.
/// </summary>
public sealed class ApplicationRefresher(ApplicationStates states, ControllerRegistry controllers)
{
    public const string ControllerName = "application";

    public void Request(ObjectKey key, bool hard)
    {
        states.For(key).RequestRefresh(hard);
        if (controllers.TryGet(ControllerName, out var controller))
        {
            controller.Enqueue(key);
        }
    }
}
