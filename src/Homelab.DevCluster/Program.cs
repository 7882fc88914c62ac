using System.Globalization;
using System.Runtime.InteropServices;
using Homelab.DevCluster;

// dotnet run --project src/Homelab.DevCluster -- --port 0 --kubeconfig-out FILE [--simulator-delay-ms N]
var options = new DevClusterOptions();
for (var i = 0; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--port" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port):
            options = options with { Port = port };
            i++;
            break;
        case "--kubeconfig-out" when !string.IsNullOrEmpty(value):
            options = options with { KubeconfigPath = value };
            i++;
            break;
        case "--simulator-delay-ms" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms):
            options = options with { SimulatorDelay = TimeSpan.FromMilliseconds(ms) };
            i++;
            break;
        default:
            Console.Error.WriteLine($"unknown or incomplete argument '{args[i]}'");
            Console.Error.WriteLine("usage: Homelab.DevCluster [--port N] [--kubeconfig-out FILE] [--simulator-delay-ms N]");
            return 2;
    }
}

using var stop = new CancellationTokenSource();

// Ctrl+C and SIGTERM (how AppHost stops it) both end the wait below, so the server is disposed cleanly.
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

await using var server = await DevClusterServer.StartAsync(options, stop.Token);
Console.WriteLine($"dev cluster listening on {server.BaseAddress}");
Console.WriteLine($"kubeconfig: {server.KubeconfigPath}");
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    // Ctrl+C or SIGTERM: dispose stops the server.
}

return 0;

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
