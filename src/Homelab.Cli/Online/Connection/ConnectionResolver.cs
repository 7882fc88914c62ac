namespace Homelab.Cli.Online.Connection;

/// <summary>
/// Finds a service: the command-line flag first, then the environment variable, then the running
/// AppHost's <c>.homelab/apphost.json</c> found by walking up from the working directory. The token
/// comes from <c>HOMELAB_TOKEN</c>, else from apphost.json when the address came from there too.
/// </summary>
public sealed class ConnectionResolver(CliEnvironment environment)
{
    public ServiceTarget Resolve(ServiceKind service, string? flagValue)
    {
        var token = Blank(environment.Variable(ServiceKind.TokenVariable));
        if (Blank(flagValue) is { } flag)
        {
            return new ServiceTarget(service, ParseAddress(flag, service.Flag), service.Flag, token);
        }

        if (Blank(environment.Variable(service.EnvironmentVariable)) is { } variable)
        {
            return new ServiceTarget(service, ParseAddress(variable, service.EnvironmentVariable), service.EnvironmentVariable, token);
        }

        var path = AppHostState.Find(environment.WorkingDirectory) ?? throw new CommandFailedException(
            $"no {service.DisplayName} server: pass {service.Flag} ADDRESS, set {service.EnvironmentVariable}, " +
            $"or run inside a checkout where the AppHost is running ({AppHostState.RelativePath})");
        var state = AppHostState.Read(path);
        var resource = state.Resources.FirstOrDefault(r => r.Name == service.AppHostResource) ?? throw new CommandFailedException(
            $"{path} lists no '{service.AppHostResource}' resource: is the AppHost running the {service.DisplayName} service? " +
            $"Else pass {service.Flag} or set {service.EnvironmentVariable}");
        if (!resource.Endpoints.TryGetValue("grpc", out var grpc))
        {
            var stateNote = resource.State is null ? "" : $" (state {resource.State})";
            throw new CommandFailedException(
                $"{path}: resource '{service.AppHostResource}'{stateNote} has no grpc endpoint yet: wait for it to start, " +
                $"or pass {service.Flag} / set {service.EnvironmentVariable}");
        }

        return new ServiceTarget(service, ParseAddress(grpc, path), path, token ?? state.Token);
    }

    /// <summary>Accepts <c>http://host:port</c>, <c>https://…</c> or a bare <c>host:port</c> (plain HTTP/2, as the services listen).</summary>
    internal static Uri ParseAddress(string text, string origin)
    {
        var candidate = text.Contains("://", StringComparison.Ordinal) ? text : "http://" + text;
        if (Uri.TryCreate(candidate, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0)
        {
            return uri;
        }

        throw new CommandFailedException($"'{text}' (from {origin}) is not a server address: expected http://HOST:PORT or HOST:PORT");
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
