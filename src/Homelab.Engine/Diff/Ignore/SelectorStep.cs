using System.Text.Json.Nodes;

namespace Homelab.Engine.Diff.Ignore;

/// <summary>One step of a compiled ignore path.</summary>
internal abstract record SelectorStep;

/// <summary>An object member; on an array, a pointer's numeric token is an index.</summary>
internal sealed record MemberStep(string Name) : SelectorStep;

internal sealed record IndexStep(int Index) : SelectorStep;

/// <summary>Every element of an array (<c>[]</c>, <c>[]?</c>).</summary>
internal sealed record EachStep : SelectorStep;

/// <summary>Keeps the current node only when the field at <paramref name="Field"/> equals <paramref name="Value"/> (<c>select(.a.b == v)</c>).</summary>
internal sealed record SelectStep(IReadOnlyList<string> Field, JsonNode? Value) : SelectorStep;
