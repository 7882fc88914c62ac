using Homelab.Api.Installation;
using Homelab.Kubernetes.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Homelab.Controllers.Hosting;

/// <summary>
/// Installs the service's CRDs when absent (existing ones, e.g. the real Flux's or Argo CD's, are kept as
/// they are), retrying with backoff while the cluster is unreachable; <c>Crds:Install=false</c> skips it.
/// The controllers start only after it completed.
/// </summary>
internal sealed class CrdInstallService(
    ControlPlaneDefinition definition,
    IClusterClient client,
    CrdInstallation installation,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<CrdInstallService> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Crds:Install", defaultValue: true))
        {
            logger.LogInformation("Crds:Install is false: not installing CRDs (they must exist already)");
            installation.MarkCompleted();
            return;
        }

        var installer = new CrdInstaller(client, time);
        var delay = FirstRetry;
        while (true)
        {
            try
            {
                var results = await installer.InstallAsync(definition.Crds, new CrdInstallOptions(), stoppingToken);
                foreach (var result in results)
                {
                    logger.LogInformation("CRD {Crd}: {Action}", result.Name, result.Action == CrdInstallAction.Kept ? "kept as it is" : result.Action.ToString().ToLowerInvariant());
                }

                // Discovery may have been read a moment before the CRDs existed, and is re-read only every few
                // seconds: without a refresh here the controllers would fail to resolve their own kinds at start.
                await client.Discovery.RefreshAsync(stoppingToken);
                installation.MarkCompleted();
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                installation.LastError = e.Message;
                logger.LogError(e, "Installing CRDs failed; retrying in {Delay}", delay);
            }

            await Task.Delay(delay, time, stoppingToken);
            delay = delay * 2 < MaxRetry ? delay * 2 : MaxRetry;
        }
    }
}
