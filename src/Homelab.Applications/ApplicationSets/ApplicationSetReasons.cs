namespace Homelab.Applications.ApplicationSets;

/// <summary>Argo CD's ApplicationSet condition types and reasons, so <c>kubectl describe</c> reads as it does with Argo.</summary>
public static class ApplicationSetReasons
{
    public const string ErrorOccurredType = "ErrorOccurred";
    public const string ParametersGeneratedType = "ParametersGenerated";
    public const string ResourcesUpToDateType = "ResourcesUpToDate";

    public const string UpToDate = "ApplicationSetUpToDate";
    public const string ParametersGenerated = "ParametersGenerated";
    public const string InvalidSpec = "InvalidSpecError";
    public const string ParamsGenerationError = "ApplicationParamsGenerationError";
    public const string RenderTemplateParamsError = "RenderTemplateParamsError";
    public const string ValidationError = "ApplicationValidationError";
    public const string CreateApplicationError = "CreateApplicationError";
    public const string UpdateApplicationError = "UpdateApplicationError";
    public const string DeleteApplicationError = "DeleteApplicationError";
}
