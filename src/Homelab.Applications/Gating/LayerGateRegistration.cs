namespace Homelab.Applications.Gating;

internal static class LayerGateRegistration
{
    /// <summary>Where the infrastructure service's gRPC endpoint is, as Aspire-style service discovery names it.</summary>
    public const string AddressKey = "services:infrastructure:grpc:0";

    /// <summary>
    /// The infrastructure gate: a <c>WatchLayer</c> stream to <see cref="AddressKey"/> when configured (and
    /// <c>Gating:Enabled</c> is not false), otherwise an always-open gate that says so once in the log.
    /// </summary>
    public static IServiceCollection AddLayerGate(this IServiceCollection services, IConfiguration configuration)
    {
        var address = configuration[AddressKey];
        var enabled = configuration.GetValue<bool?>("Gating:Enabled") ?? true;
        if (enabled && !string.IsNullOrWhiteSpace(address))
        {
            var uri = Uri.TryCreate(address.Trim(), UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"
                ? parsed
                : throw new InvalidOperationException($"{AddressKey} must be an http:// or https:// address (got '{address}')");
            services.AddSingleton(sp => new InfrastructureLayerGate(uri, sp.GetRequiredService<Homelab.Controllers.Hosting.ServiceToken>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<InfrastructureLayerGate>>()));
            services.AddSingleton<ILayerGate>(sp => sp.GetRequiredService<InfrastructureLayerGate>());
            services.AddHostedService(sp => sp.GetRequiredService<InfrastructureLayerGate>());
        }
        else
        {
            var reason = enabled ? $"no infrastructure service is configured ({AddressKey})" : "Gating:Enabled is false";
            services.AddSingleton(sp => new OpenLayerGate(reason, sp.GetRequiredService<ILogger<OpenLayerGate>>()));
            services.AddSingleton<ILayerGate>(sp => sp.GetRequiredService<OpenLayerGate>());
            services.AddHostedService(sp => sp.GetRequiredService<OpenLayerGate>());
        }

        return services;
    }
}
