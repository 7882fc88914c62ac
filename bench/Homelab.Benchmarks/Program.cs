using System.Reflection;
using BenchmarkDotNet.Running;
using Homelab.Benchmarks;

// Usage:
//   dotnet run -c Release --project bench/Homelab.Benchmarks -- list
//   dotnet run -c Release --project bench/Homelab.Benchmarks -- scenario <name>|all
//   dotnet run -c Release --project bench/Homelab.Benchmarks -- micro [BenchmarkDotNet args, e.g. --filter *Yaml*]
var scenarios = typeof(IScenario).Assembly.GetTypes()
    .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IScenario).IsAssignableFrom(t))
    .Select(t => (IScenario)Activator.CreateInstance(t)!)
    .OrderBy(s => s.Name, StringComparer.Ordinal)
    .ToList();

switch (args)
{
    case ["micro", .. var rest]:
        BenchmarkSwitcher.FromAssembly(Assembly.GetExecutingAssembly()).Run(rest);
        return 0;
    case ["scenario", var name]:
        var chosen = name == "all" ? scenarios : scenarios.Where(s => s.Name == name).ToList();
        if (chosen.Count == 0)
        {
            Console.Error.WriteLine($"no scenario named '{name}'; try 'list'");
            return 2;
        }

        using (var cancel = new CancellationTokenSource())
        {
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
            foreach (var scenario in chosen)
            {
                Console.WriteLine($"{scenario.Name}: {scenario.Description}");
                var report = new ScenarioReport(scenario.Name);
                await scenario.RunAsync(report, cancel.Token);
                Console.WriteLine($"  -> {report.Write()}");
            }
        }

        return 0;
    default:
        Console.WriteLine("scenarios:");
        foreach (var scenario in scenarios)
        {
            Console.WriteLine($"  {scenario.Name,-28} {scenario.Description}");
        }

        Console.WriteLine("micro-benchmarks: micro --list flat");
        return args is ["list"] ? 0 : 2;
}
