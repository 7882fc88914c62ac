namespace Homelab.Controllers.Metrics;

/// <summary>The <c>result</c> label values of <c>controller_runtime_reconcile_total</c>, as controller-runtime names them.</summary>
internal static class ReconcileResults
{
    public const string Success = "success";
    public const string Error = "error";
    public const string Requeue = "requeue";
    public const string RequeueAfter = "requeue_after";

    public static readonly IReadOnlyList<string> All = [Success, Error, Requeue, RequeueAfter];
}
