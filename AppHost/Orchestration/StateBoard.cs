using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Homelab.AppHost.Resources;

namespace Homelab.AppHost.Orchestration;

/// <summary>
/// The resources' current state: printed as a table whenever it changes, and written to
/// <c>.homelab/apphost.json</c> so tools (the CLI, tests) find the running services without parsing logs.
/// </summary>
internal sealed class StateBoard(string stateDirectory, TextWriter output, string? token = null)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly Lock _gate = new();
    private readonly List<ResourceSpec> _resources = [];
    private readonly Dictionary<string, ResourceSnapshot> _states = new(StringComparer.Ordinal);

    public string StatePath => Path.Combine(stateDirectory, "apphost.json");

    public void Register(ResourceSpec spec)
    {
        lock (_gate)
        {
            _resources.Add(spec);
            _states[spec.Name] = new ResourceSnapshot(spec.Name, ResourceState.Waiting, null, null);
        }

        Publish();
    }

    public ResourceState StateOf(string name)
    {
        lock (_gate)
        {
            return _states[name].State;
        }
    }

    public void Set(string name, ResourceState state, int? processId = null, int? exitCode = null)
    {
        lock (_gate)
        {
            var current = _states[name];
            var next = current with { State = state, ProcessId = processId ?? current.ProcessId, ExitCode = exitCode };
            if (next == current)
            {
                return;
            }

            _states[name] = next;
        }

        Publish();
    }

    private void Publish()
    {
        string table;
        string json;
        lock (_gate)
        {
            table = Table();
            json = JsonSerializer.Serialize(new AppHostState(_resources.Select(Describe).ToList(), token), Json);
        }

        output.Write(table);
        Directory.CreateDirectory(stateDirectory);
        // Write-then-rename: a reader never sees half a file.
        var temporary = StatePath + ".tmp";
        File.WriteAllText(temporary, json);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, StatePath, overwrite: true);
    }

    private ResourceDescription Describe(ResourceSpec spec)
    {
        var state = _states[spec.Name];
        return new ResourceDescription(
            spec.Name,
            state.State,
            state.ProcessId,
            state.ExitCode,
            spec.Endpoints.ToDictionary(e => e.Key, e => e.Value.ToString()),
            spec.Details);
    }

    private string Table()
    {
        var text = new StringBuilder().AppendLine().AppendLine($"{"RESOURCE",-16} {"STATE",-10} {"PID",-8} URLS");
        foreach (var spec in _resources)
        {
            var state = _states[spec.Name];
            var urls = string.Join("  ", spec.Endpoints.Select(e => $"{e.Key}: {e.Value}").Concat(spec.Details.Select(d => $"{d.Key}: {d.Value}")));
            var pid = state.ProcessId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-";
            var label = state.State == ResourceState.Exited && state.ExitCode is { } code ? $"Exited({code})" : state.State.ToString();
            text.AppendLine($"{spec.Name,-16} {label,-10} {pid,-8} {urls}");
        }

        return text.AppendLine().ToString();
    }

    private sealed record ResourceSnapshot(string Name, ResourceState State, int? ProcessId, int? ExitCode);

    /// <summary>The token lets the CLI make mutating calls; the state directory is git-ignored and the file readable by its owner only.</summary>
    private sealed record AppHostState(IReadOnlyList<ResourceDescription> Resources, string? Token);

    private sealed record ResourceDescription(
        string Name,
        ResourceState State,
        int? ProcessId,
        int? ExitCode,
        IReadOnlyDictionary<string, string> Endpoints,
        IReadOnlyDictionary<string, string> Details);
}
