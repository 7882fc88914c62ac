using Homelab.Applications;

await ServiceHost.Build(args).RunAsync();
