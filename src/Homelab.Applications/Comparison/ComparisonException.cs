namespace Homelab.Applications.Comparison;

/// <summary>A source could not be fetched or rendered: reported as a <c>ComparisonError</c> condition, nothing applied.</summary>
public sealed class ComparisonException(string message, Exception? innerException = null) : Exception(message, innerException);
