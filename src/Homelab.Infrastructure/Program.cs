using Homelab.Infrastructure;

await ServiceHost.Build(args).RunAsync();
