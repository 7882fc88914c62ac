namespace Homelab.DevCluster.Faults;

/// <summary>Fail a share (<paramref name="Rate"/>, 0–1) of matching requests with <paramref name="StatusCode"/>. Null verb/resource match all.</summary>
public sealed record ErrorFault(string? Verb, string? Resource, int StatusCode, double Rate = 1.0);
