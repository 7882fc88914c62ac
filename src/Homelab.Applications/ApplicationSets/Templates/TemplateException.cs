namespace Homelab.Applications.ApplicationSets.Templates;

/// <summary>A template that does not parse or does not execute with the given parameters; the message says where and why.</summary>
public sealed class TemplateException(string message) : Exception(message);
