namespace Homelab.Controllers;

internal enum ReconcileOutcome
{
    Done,
    RequeueAfter,
    Retry,
}
