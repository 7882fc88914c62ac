using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Homelab.ServiceDefaults.Logging;

/// <summary>
/// One console line per entry that names the object being reconciled, the way a Flux or Argo CD user reads
/// controller logs: <c>info: Kustomization flux-system/apps@main@sha1:…: Applied revision …</c>. The object
/// comes from the <c>kind</c>/<c>namespace</c>/<c>name</c>/<c>revision</c> logging scope the controllers open;
/// other scopes (trace and span ids) stay out of the console and go to OTLP with the structured fields.
/// </summary>
public sealed class ObjectConsoleFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "homelab";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        ArgumentNullException.ThrowIfNull(textWriter);
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }

        textWriter.Write(Level(logEntry.LogLevel));
        textWriter.Write(": ");
        textWriter.Write(Subject(logEntry.Category, scopeProvider));
        textWriter.Write(": ");
        textWriter.WriteLine(message);
        if (logEntry.Exception is not null)
        {
            textWriter.WriteLine(logEntry.Exception.ToString());
        }
    }

    /// <summary>The reconciled object when a scope names one, otherwise the logging class without its namespace.</summary>
    private static string Subject(string category, IExternalScopeProvider? scopeProvider)
    {
        var scope = new ObjectScope();
        scopeProvider?.ForEachScope(static (value, found) => found.Read(value), scope);
        if (scope.Name is null)
        {
            var dot = category.LastIndexOf('.');
            return dot < 0 ? category : category[(dot + 1)..];
        }

        var subject = scope.Namespace is { Length: > 0 } ns ? $"{scope.Kind} {ns}/{scope.Name}" : $"{scope.Kind} {scope.Name}";
        return scope.Revision is null ? subject : $"{subject}@{scope.Revision}";
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };

    /// <summary>What the scopes say about the object; an inner scope wins over an outer one.</summary>
    private sealed class ObjectScope
    {
        public string? Kind { get; private set; }

        public string? Namespace { get; private set; }

        public string? Name { get; private set; }

        public string? Revision { get; private set; }

        public void Read(object? value)
        {
            if (value is not IEnumerable<KeyValuePair<string, object?>> fields)
            {
                return;
            }

            foreach (var (key, field) in fields)
            {
                var text = field?.ToString();
                switch (key)
                {
                    case "kind":
                        Kind = text;
                        break;
                    case "namespace":
                        Namespace = text;
                        break;
                    case "name":
                        Name = text;
                        break;
                    case "revision":
                        Revision = text;
                        break;
                }
            }
        }
    }
}
