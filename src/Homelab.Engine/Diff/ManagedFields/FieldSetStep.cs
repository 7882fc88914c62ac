using System.Text.Json.Nodes;

namespace Homelab.Engine.Diff.ManagedFields;

/// <summary>
/// One key of a <c>fieldsV1</c> tree: <c>f:name</c> (a field), <c>k:{json}</c> (a list element by its
/// key fields), <c>v:json</c> (a set element by value) or <c>i:N</c> (a list element by index).
/// </summary>
internal sealed record FieldSetStep(FieldSetStepKind Kind, string? Field = null, JsonObject? Key = null, JsonNode? Value = null, int Index = -1);

internal enum FieldSetStepKind
{
    Field,
    Key,
    Value,
    Index,
}
