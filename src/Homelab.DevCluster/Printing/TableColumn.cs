using System.Text.Json.Nodes;

namespace Homelab.DevCluster.Printing;

/// <summary>One printed column: its header, type and how to compute a cell from the object.</summary>
internal sealed record TableColumn(string Name, string Type, Func<JsonObject, JsonNode?> Cell, string Format = "", int Priority = 0)
{
    public JsonObject Definition() => new()
    {
        ["name"] = Name,
        ["type"] = Type,
        ["format"] = Format,
        ["description"] = "",
        ["priority"] = Priority,
    };
}
