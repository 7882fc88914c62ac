using Homelab.Api.Specs;
using Homelab.Manifests.Objects;

namespace Homelab.Api.Flux;

public static class HelmReleaseReader
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    public const int DefaultMaxHistory = 5;

    public static SpecResult<HelmReleaseSpec> Read(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var log = new ProblemLog();
        var spec = SpecFields.Spec(obj, log);
        var ownNamespace = obj.Namespace ?? "default";
        spec.OnlyKnown("chart", "chartRef", "interval", "releaseName", "targetNamespace", "storageNamespace", "install",
            "upgrade", "values", "valuesFrom", "dependsOn", "suspend", "timeout", "maxHistory", "rollback", "uninstall",
            "test", "driftDetection", "postRenderers", "kubeConfig", "serviceAccountName", "persistentClient", "commonMetadata");
        spec.Unsupported("chartRef", "chartRef (OCIRepository or HelmChart) is not supported yet; use chart.spec");
        spec.Unsupported("rollback", "rollback settings are not supported yet; defaults are used");
        spec.Unsupported("uninstall", "uninstall settings are not supported yet; defaults are used");
        spec.Unsupported("test", "Helm tests are not run");
        spec.Unsupported("driftDetection", "drift detection for Helm releases is not supported yet");
        spec.Unsupported("postRenderers", "post-renderers are not supported yet");
        spec.Unsupported("kubeConfig", "applying to a remote cluster is not supported");
        spec.Unsupported("serviceAccountName", "impersonation is not supported yet");
        spec.Unsupported("persistentClient", "has no meaning for Homelab");
        spec.Unsupported("commonMetadata", "common metadata for Helm releases is not supported yet");

        var chart = ReadChart(spec.Object("chart"), ownNamespace);
        // chartRef as a whole is reported unsupported above, so its kind is not reported a second time.
        var chartRef = FluxReading.SourceRef(spec.Object("chartRef"), ownNamespace, ["OCIRepository", "HelmChart"], ["OCIRepository", "HelmChart"]);
        if (chart is null && chartRef is null)
        {
            spec.Invalid("chart", "one of chart or chartRef is required");
        }
        else if (chart is not null && chartRef is not null)
        {
            spec.Invalid("chartRef", "chart and chartRef are mutually exclusive");
        }

        var targetNamespace = spec.String("targetNamespace") is { Length: > 0 } target ? target : null;
        var maxHistory = spec.Integer("maxHistory") ?? DefaultMaxHistory;
        var result = new HelmReleaseSpec(
            chart,
            chartRef,
            spec.RequiredPositiveDuration("interval"),
            spec.String("releaseName") is { Length: > 0 } name ? name : targetNamespace is null ? obj.Name : $"{targetNamespace}-{obj.Name}",
            targetNamespace,
            spec.String("storageNamespace"),
            ReadAction(spec.Object("install"), isUpgrade: false),
            ReadAction(spec.Object("upgrade"), isUpgrade: true),
            spec.RawObject("values"),
            [.. spec.Objects("valuesFrom").Select(ValuesFrom)],
            FluxReading.DependsOn(spec, ownNamespace),
            spec.Bool("suspend"),
            spec.Duration("timeout") ?? DefaultTimeout,
            (int)Math.Clamp(maxHistory, 0, int.MaxValue));
        return new(result, log.Problems);
    }

    private static HelmChartTemplate? ReadChart(SpecFields? chart, string ownNamespace)
    {
        if (chart is null)
        {
            return null;
        }

        chart.OnlyKnown("spec", "metadata");
        chart.Unsupported("metadata", "labels and annotations for the generated HelmChart have no meaning for Homelab");
        var template = chart.RequiredObject("spec");
        template.OnlyKnown("chart", "version", "sourceRef", "valuesFiles", "reconcileStrategy", "interval",
            "ignoreMissingValuesFiles", "verify");
        template.Unsupported("verify", "chart signature verification is not supported yet");
        template.Duration("interval");
        template.Bool("ignoreMissingValuesFiles");
        return new HelmChartTemplate(
            template.RequiredString("chart"),
            template.String("version") is { Length: > 0 } version ? version : "*",
            FluxReading.SourceRef(template.RequiredObject("sourceRef"), ownNamespace, ["HelmRepository", "GitRepository", "Bucket"], ["HelmRepository", "GitRepository"])!,
            template.Strings("valuesFiles"),
            template.Enum("reconcileStrategy", ["ChartVersion", "Revision"], "ChartVersion"));
    }

    private static HelmActionOptions ReadAction(SpecFields? action, bool isUpgrade)
    {
        if (action is null)
        {
            return new HelmActionOptions(0, false, null);
        }

        action.OnlyKnown("remediation", "createNamespace", "crds", "timeout", "disableWait", "disableWaitForJobs",
            "disableHooks", "disableOpenAPIValidation", "replace", "force", "cleanupOnFail", "preserveValues", "skipCRDs",
            "disableSchemaValidation", "disableTakeOwnership", "serverSideApply", "strategy");
        foreach (var key in new[] { "disableWait", "disableWaitForJobs", "disableHooks", "disableOpenAPIValidation", "replace", "force", "cleanupOnFail", "preserveValues", "skipCRDs", "disableSchemaValidation", "disableTakeOwnership", "serverSideApply", "strategy" })
        {
            action.Unsupported(key, "this Helm action setting is not supported yet; the default is used");
        }

        action.Enum("crds", ["Skip", "Create", "CreateReplace"], "Create");
        action.Duration("timeout");
        var remediation = action.Object("remediation");
        remediation?.OnlyKnown("retries", "ignoreTestFailures", "remediateLastFailure", "strategy");
        remediation?.Unsupported("ignoreTestFailures", "Helm tests are not run");
        remediation?.Unsupported("remediateLastFailure", "the last failure is always remediated while retries remain");
        var retries = remediation?.Integer("retries") ?? 0;
        if (retries < -1)
        {
            remediation!.Invalid("retries", "must be -1 (unlimited) or more");
        }

        var strategy = isUpgrade ? remediation?.Enum("strategy", ["rollback", "uninstall"], "rollback") : null;
        return new HelmActionOptions((int)Math.Clamp(retries, -1, int.MaxValue), action.Bool("createNamespace"), strategy);
    }

    private static ValuesReference ValuesFrom(SpecFields source)
    {
        source.OnlyKnown("kind", "name", "valuesKey", "targetPath", "optional");
        return new ValuesReference(
            source.Enum("kind", ["ConfigMap", "Secret"], "ConfigMap"),
            source.RequiredString("name"),
            source.String("valuesKey") is { Length: > 0 } key ? key : "values.yaml",
            source.String("targetPath"),
            source.Bool("optional"));
    }
}
