using Homelab.ServiceDefaults.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Homelab.ServiceDefaults.Tests;

public sealed class ObjectConsoleFormatterTests
{
    private readonly ObjectConsoleFormatter _formatter = new();
    private readonly LoggerExternalScopeProvider _scopes = new();

    [Fact]
    public void A_line_names_the_reconciled_object_and_its_revision_from_the_scopes()
    {
        using (_scopes.Push(new Dictionary<string, object?> { ["controller"] = "kustomization", ["kind"] = "Kustomization", ["namespace"] = "flux-system", ["name"] = "apps" }))
        using (_scopes.Push(new Dictionary<string, object?> { ["revision"] = "main@sha1:cc709eb4" }))
        {
            Assert.Equal(
                "info: Kustomization flux-system/apps@main@sha1:cc709eb4: Applied revision main@sha1:cc709eb4: created 3" + Environment.NewLine,
                Format(LogLevel.Information, "Homelab.Infrastructure.Kustomizations.KustomizationReconciler", "Applied revision main@sha1:cc709eb4: created 3"));
        }
    }

    [Fact]
    public void Without_an_object_scope_the_class_name_stands_in_and_exceptions_follow_the_line()
    {
        var line = Format(LogLevel.Error, "Homelab.Controllers.Hosting.CrdInstallService", "CRD install failed", new InvalidOperationException("forbidden"));

        Assert.StartsWith("fail: CrdInstallService: CRD install failed" + Environment.NewLine + "System.InvalidOperationException: forbidden", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cluster_scoped_object_has_no_namespace_part()
    {
        using (_scopes.Push(new Dictionary<string, object?> { ["kind"] = "ClusterRole", ["namespace"] = "", ["name"] = "viewer" }))
        {
            Assert.Equal("warn: ClusterRole viewer: drifted" + Environment.NewLine, Format(LogLevel.Warning, "X", "drifted"));
        }
    }

    private string Format(LogLevel level, string category, string message, Exception? exception = null)
    {
        using var writer = new StringWriter();
        var entry = new LogEntry<string>(level, category, new EventId(0), message, exception, (state, _) => state);
        _formatter.Write(entry, _scopes, writer);
        return writer.ToString();
    }
}
