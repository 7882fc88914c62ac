namespace Homelab.Applications.Gating;

internal static class LayerGateRegistration
{
    /// <summary>
    /// The infrastructure gate: a <c>WatchLayer</c> stream to <c>services:infrastructure:grpc:0</c> when
    /// configured (and <c>Gating:Enabled</c> is not false), otherwise an always-open gate.
    /// </summary>
    public static IServiceCollection AddLayerGate(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ILayerGate, OpenLayerGate>();
        return services;
    }
}
