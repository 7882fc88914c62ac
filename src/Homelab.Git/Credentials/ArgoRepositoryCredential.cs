namespace Homelab.Git.Credentials;

/// <summary>An Argo repository (or credential template) Secret: the URL it applies to and its credentials.</summary>
public sealed record ArgoRepositoryCredential(string Url, bool IsTemplate, GitCredentials Credentials);
