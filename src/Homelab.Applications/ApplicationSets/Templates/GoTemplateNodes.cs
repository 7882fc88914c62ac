namespace Homelab.Applications.ApplicationSets.Templates;

// The parsed form of a Go template: a list of nodes, actions holding pipelines of commands.

internal abstract record TemplateNode;

internal sealed record TextNode(string Text) : TemplateNode;

/// <summary><c>{{ pipeline }}</c>: prints the pipeline's value unless it declares a variable.</summary>
internal sealed record ActionNode(Pipeline Pipeline) : TemplateNode;

/// <summary><c>if</c> / <c>with</c>: <see cref="Then"/> when the pipeline is true (for <c>with</c>, with dot set to its value).</summary>
internal sealed record BranchNode(string Keyword, Pipeline Pipeline, IReadOnlyList<TemplateNode> Then, IReadOnlyList<TemplateNode> Else) : TemplateNode;

internal sealed record RangeNode(Pipeline Pipeline, IReadOnlyList<TemplateNode> Body, IReadOnlyList<TemplateNode> Else) : TemplateNode;

/// <summary>Commands joined by <c>|</c>; each command's result is the last argument of the next. <see cref="Declarations"/>: <c>$x :=</c> (range: <c>$i, $e :=</c>).</summary>
internal sealed record Pipeline(string Source, IReadOnlyList<string> Declarations, bool IsAssignment, IReadOnlyList<Command> Commands);

internal sealed record Command(IReadOnlyList<Operand> Operands);

internal abstract record Operand;

/// <summary><c>.a.b</c> (no names: dot itself), evaluated on dot.</summary>
internal sealed record FieldOperand(IReadOnlyList<string> Names) : Operand;

/// <summary><c>$x.a.b</c>; <c>$</c> is the data the template started with.</summary>
internal sealed record VariableOperand(string Name, IReadOnlyList<string> Names) : Operand;

internal sealed record LiteralOperand(object? Value) : Operand;

internal sealed record FunctionOperand(string Name) : Operand;

/// <summary><c>( pipeline )</c>, optionally followed by a field chain: <c>(index .a 0).b</c>.</summary>
internal sealed record SubPipelineOperand(Pipeline Pipeline, IReadOnlyList<string> Names) : Operand;
