namespace Homelab.Applications.ApplicationSets.Templates;

/// <summary>
/// The <c>goTemplateOptions</c> of an ApplicationSet. Only <c>missingkey</c> changes behaviour: Go's default
/// prints a missing map key as <c>&lt;no value&gt;</c>; <c>missingkey=error</c> fails naming the key;
/// <c>missingkey=zero</c> gives the zero value (nil for a map of interfaces, printed <c>&lt;no value&gt;</c> too).
/// </summary>
public sealed record GoTemplateOptions(bool MissingKeyIsError)
{
    public static GoTemplateOptions Default { get; } = new(MissingKeyIsError: false);

    /// <exception cref="TemplateException">An option Go's text/template does not know.</exception>
    public static GoTemplateOptions Parse(IReadOnlyList<string> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var missingKeyIsError = false;
        foreach (var option in options)
        {
            missingKeyIsError = option.Trim() switch
            {
                "missingkey=error" => true,
                "missingkey=default" or "missingkey=invalid" or "missingkey=zero" => false,
                var other => throw new TemplateException($"unrecognized goTemplateOptions entry '{other}' (known: missingkey=default|invalid|zero|error)"),
            };
        }

        return new GoTemplateOptions(missingKeyIsError);
    }
}
