namespace Homelab.Applications.ApplicationSets.Generators;

/// <summary>A generator could not produce its parameters (bad file, Git failure, unsupported generator); nothing may be changed.</summary>
public sealed class GeneratorException(string message) : Exception(message);
