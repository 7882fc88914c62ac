using Homelab.AppHost.Orchestration;
using Homelab.AppHost.Resources;

// dotnet run --project AppHost [-- --state-dir DIR]: the control plane on this machine, against an embedded dev cluster.
var stateDirectory = Path.Combine(ServiceAssemblies.RepositoryRoot, ".homelab");
switch (args)
{
    case []:
        break;
    case ["--state-dir", var dir]:
        stateDirectory = Path.GetFullPath(dir);
        break;
    default:
        Console.Error.WriteLine($"unknown or incomplete arguments: {string.Join(' ', args)}");
        Console.Error.WriteLine("usage: dotnet run --project AppHost [-- --state-dir DIR]   (default state dir: .homelab in this checkout)");
        return 2;
}

using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true; // stop the children first; the runner then returns and the process ends
    stopping.Cancel();
};
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
    System.Runtime.InteropServices.PosixSignal.SIGTERM,
    context =>
    {
        context.Cancel = true;
        stopping.Cancel();
    });

var board = new StateBoard(stateDirectory, Console.Out);
var runner = new AppHostRunner(ResourcePlan.Create(stateDirectory), board, Console.Out);
return await runner.RunAsync(stopping.Token);
