using System.Text.Json.Nodes;

namespace Homelab.DevCluster.Errors;

/// <summary>One validation failure, printed the way apimachinery's field.Error prints it.</summary>
internal sealed record FieldError(string Reason, string Field, string Detail, string? BadValue = null)
{
    public static FieldError Required(string field, string detail) => new("FieldValueRequired", field, detail);

    public static FieldError InvalidValue(string field, string value, string detail) => new("FieldValueInvalid", field, detail, value);

    public static FieldError NotSupported(string field, string value, string detail) => new("FieldValueNotSupported", field, detail, value);

    public static FieldError Forbidden(string field, string detail) => new("FieldValueForbidden", field, detail);

    public static FieldError Duplicate(string field, string value) => new("FieldValueDuplicate", field, "", value);

    public string Message => Reason switch
    {
        "FieldValueRequired" => $"Required value: {Detail}",
        "FieldValueInvalid" => $"Invalid value: \"{BadValue}\": {Detail}",
        "FieldValueNotSupported" => $"Unsupported value: \"{BadValue}\": {Detail}",
        "FieldValueDuplicate" => $"Duplicate value: \"{BadValue}\"",
        "FieldValueForbidden" => $"Forbidden: {Detail}",
        _ => Detail,
    };

    public JsonObject ToCause() => new() { ["reason"] = Reason, ["message"] = Message, ["field"] = Field };

    public override string ToString() => $"{Field}: {Message}";
}
