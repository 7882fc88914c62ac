using System.Text;

namespace Homelab.Applications.ApplicationSets.Templates;

/// <summary>Runs a parsed template over data with Go's text/template rules for fields, variables, pipelines and blocks.</summary>
internal sealed class GoTemplateExecutor(GoTemplateOptions options, object? root)
{
    // Variables live in a stack of frames; a block pops what it declared when it ends, as in Go.
    private readonly List<(string Name, object? Value)> _variables = [("$", root)];

    public void Execute(IReadOnlyList<TemplateNode> nodes, object? dot, StringBuilder output)
    {
        var mark = _variables.Count;
        foreach (var node in nodes)
        {
            switch (node)
            {
                case TextNode text:
                    output.Append(text.Text);
                    break;
                case ActionNode action:
                    var value = EvaluatePipeline(action.Pipeline, dot);
                    if (action.Pipeline.Declarations.Count == 0)
                    {
                        // Go turns an empty interface holding nil into "no value" before printing it.
                        output.Append(value is null ? GoValues.Print(GoValues.Missing) : GoValues.Print(value));
                    }

                    break;
                case BranchNode branch:
                    var condition = EvaluatePipeline(branch.Pipeline, dot);
                    if (GoValues.IsTrue(condition))
                    {
                        Execute(branch.Then, branch.Keyword == "with" ? condition : dot, output);
                    }
                    else
                    {
                        Execute(branch.Else, dot, output);
                    }

                    break;
                case RangeNode range:
                    ExecuteRange(range, dot, output);
                    break;
            }
        }

        _variables.RemoveRange(mark, _variables.Count - mark);
    }

    private void ExecuteRange(RangeNode range, object? dot, StringBuilder output)
    {
        var pipeline = range.Pipeline with { Declarations = [] };
        var collection = EvaluatePipeline(pipeline, dot);
        var items = collection switch
        {
            IReadOnlyList<object?> list => list.Select((v, i) => ((object?)(long)i, v)).ToList(),
            IReadOnlyDictionary<string, object?> map => map.Keys.Order(StringComparer.Ordinal).Select(k => ((object?)k, map[k])).ToList(),
            null => [],
            _ when collection == GoValues.Missing => [],
            _ => throw Fail(range.Pipeline, $"range can't iterate over {GoValues.Print(collection)}"),
        };

        if (items.Count == 0)
        {
            Execute(range.Else, dot, output);
            return;
        }

        foreach (var (key, value) in items)
        {
            var mark = _variables.Count;
            var declarations = range.Pipeline.Declarations;
            if (declarations.Count == 1)
            {
                _variables.Add((declarations[0], value));
            }
            else if (declarations.Count == 2)
            {
                _variables.Add((declarations[0], key));
                _variables.Add((declarations[1], value));
            }

            Execute(range.Body, value, output);
            _variables.RemoveRange(mark, _variables.Count - mark);
        }
    }

    private object? EvaluatePipeline(Pipeline pipeline, object? dot)
    {
        object? value = null;
        var hasFinal = false;
        foreach (var command in pipeline.Commands)
        {
            value = EvaluateCommand(pipeline, command, dot, hasFinal, value);
            hasFinal = true;
        }

        foreach (var name in pipeline.Declarations)
        {
            if (pipeline.IsAssignment)
            {
                var index = _variables.FindLastIndex(v => v.Name == name);
                if (index < 0)
                {
                    throw Fail(pipeline, $"undefined variable: {name}");
                }

                _variables[index] = (name, value);
            }
            else
            {
                _variables.Add((name, value));
            }
        }

        return value;
    }

    private object? EvaluateCommand(Pipeline pipeline, Command command, object? dot, bool hasFinal, object? final)
    {
        if (command.Operands[0] is FunctionOperand function)
        {
            var arguments = command.Operands.Skip(1).Select(o => EvaluateOperand(pipeline, o, dot)).ToList();
            if (hasFinal)
            {
                arguments.Add(final);
            }

            try
            {
                return GoTemplateFunctions.Call(function.Name, arguments);
            }
            catch (TemplateException e)
            {
                throw Fail(pipeline, $"error calling {function.Name}: {e.Message}");
            }
        }

        if (hasFinal)
        {
            throw Fail(pipeline, "can't give argument to non-function");
        }

        return EvaluateOperand(pipeline, command.Operands[0], dot);
    }

    private object? EvaluateOperand(Pipeline pipeline, Operand operand, object? dot) => operand switch
    {
        LiteralOperand literal => literal.Value,
        FieldOperand field => Walk(pipeline, dot, field.Names),
        VariableOperand variable => Walk(pipeline, Lookup(pipeline, variable.Name), variable.Names),
        SubPipelineOperand sub => Walk(pipeline, EvaluatePipeline(sub.Pipeline, dot), sub.Names),
        FunctionOperand function => GoTemplateFunctions.Call(function.Name, []),
        _ => throw Fail(pipeline, "unknown operand"),
    };

    private object? Lookup(Pipeline pipeline, string name)
    {
        var index = _variables.FindLastIndex(v => v.Name == name);
        return index >= 0 ? _variables[index].Value : throw Fail(pipeline, $"undefined variable: {name}");
    }

    private object? Walk(Pipeline pipeline, object? receiver, IReadOnlyList<string> names)
    {
        var value = receiver;
        foreach (var name in names)
        {
            value = value switch
            {
                IReadOnlyDictionary<string, object?> map when map.TryGetValue(name, out var found) => found,
                IReadOnlyDictionary<string, object?> when options.MissingKeyIsError => throw Fail(pipeline, $"map has no entry for key \"{name}\""),
                IReadOnlyDictionary<string, object?> => GoValues.Missing,
                // Go: a field of an invalid value is invalid too, unless missing keys are errors.
                _ when value == GoValues.Missing && options.MissingKeyIsError => throw Fail(pipeline, $"nil data; no entry for key \"{name}\""),
                _ when value == GoValues.Missing => GoValues.Missing,
                null => throw Fail(pipeline, $"nil pointer evaluating interface {{}}.{name}"),
                _ => throw Fail(pipeline, $"can't evaluate field {name} in type {GoValues.TypeName(value)}"),
            };
        }

        return value;
    }

    private static TemplateException Fail(Pipeline pipeline, string message) =>
        new($"executing at <{pipeline.Source.Trim('{', '}', ' ', '-')}>: {message}");
}
