using System.Globalization;

namespace Homelab.Applications.ApplicationSets.Templates;

/// <summary>
/// Builds the node tree from scanned segments: actions, <c>if</c>/<c>else if</c>/<c>else</c>, <c>with</c>,
/// <c>range</c> (with <c>$i, $e :=</c>) and <c>end</c>. Unknown functions are refused here, as Go does at parse time.
/// </summary>
internal sealed class GoTemplateParser
{
    private static readonly HashSet<string> Unsupported = new(StringComparer.Ordinal) { "define", "template", "block", "break", "continue" };

    private readonly IReadOnlyList<GoTemplateScanner.Segment> _segments;
    private readonly string _template;
    private int _next;

    private GoTemplateParser(IReadOnlyList<GoTemplateScanner.Segment> segments, string template)
    {
        _segments = segments;
        _template = template;
    }

    public static IReadOnlyList<TemplateNode> Parse(string template)
    {
        var parser = new GoTemplateParser(new GoTemplateScanner(template).Scan(), template);
        var (nodes, terminator) = parser.ParseList();
        if (terminator is not null)
        {
            throw parser.Error(terminator.Source, $"unexpected {{{{{terminator.Tokens![0].Text}}}}}");
        }

        return nodes;
    }

    // Parses nodes until an {{else}} or {{end}} (returned as the terminator) or the end of the template.
    private (List<TemplateNode> Nodes, GoTemplateScanner.Segment? Terminator) ParseList()
    {
        var nodes = new List<TemplateNode>();
        while (_next < _segments.Count)
        {
            var segment = _segments[_next++];
            if (segment.Text is not null)
            {
                nodes.Add(new TextNode(segment.Text));
                continue;
            }

            var tokens = segment.Tokens!;
            if (tokens.Count == 0)
            {
                throw Error(segment.Source, "missing value for command");
            }

            var keyword = tokens[0].Kind == GoTokenKind.Identifier ? tokens[0].Text : null;
            switch (keyword)
            {
                case "end" or "else":
                    return (nodes, segment);
                case "if" or "with":
                    nodes.Add(ParseBranch(keyword, segment, tokens.Skip(1).ToList()));
                    break;
                case "range":
                    nodes.Add(ParseRange(segment, tokens.Skip(1).ToList()));
                    break;
                case not null when Unsupported.Contains(keyword):
                    throw Error(segment.Source, $"{{{{{keyword}}}}} is not supported in ApplicationSet templates");
                default:
                    nodes.Add(new ActionNode(ParsePipeline(segment.Source, tokens, allowDeclarations: 1)));
                    break;
            }
        }

        return (nodes, null);
    }

    private BranchNode ParseBranch(string keyword, GoTemplateScanner.Segment segment, List<GoTemplateToken> tokens)
    {
        var pipeline = ParsePipeline(segment.Source, tokens, allowDeclarations: 1);
        var (then, terminator) = ParseList();
        var (elseNodes, _) = ParseElse(keyword, segment, terminator);
        return new BranchNode(keyword, pipeline, then, elseNodes);
    }

    private RangeNode ParseRange(GoTemplateScanner.Segment segment, List<GoTemplateToken> tokens)
    {
        var pipeline = ParsePipeline(segment.Source, tokens, allowDeclarations: 2);
        var (body, terminator) = ParseList();
        var (elseNodes, _) = ParseElse("range", segment, terminator);
        return new RangeNode(pipeline, body, elseNodes);
    }

    // After a block's body: {{end}}, or {{else}} … {{end}}, or {{else if …}} (a nested branch sharing the one {{end}}).
    private (IReadOnlyList<TemplateNode> Nodes, bool Closed) ParseElse(string keyword, GoTemplateScanner.Segment opening, GoTemplateScanner.Segment? terminator)
    {
        if (terminator is null)
        {
            throw Error(opening.Source, $"unexpected EOF: {{{{{keyword}}}}} has no {{{{end}}}}");
        }

        var tokens = terminator.Tokens!;
        if (tokens[0].Text == "end")
        {
            return ([], true);
        }

        if (tokens.Count > 1 && tokens[1].Kind == GoTokenKind.Identifier && tokens[1].Text is "if" or "with")
        {
            var nested = ParseBranch(tokens[1].Text, terminator, tokens.Skip(2).ToList());
            return ([nested], true);
        }

        var (elseNodes, end) = ParseList();
        if (end is null || end.Tokens![0].Text != "end")
        {
            throw Error(opening.Source, $"{{{{{keyword}}}}} … {{{{else}}}} has no {{{{end}}}}");
        }

        return (elseNodes, true);
    }

    private Pipeline ParsePipeline(string source, IReadOnlyList<GoTemplateToken> tokens, int allowDeclarations)
    {
        var position = 0;
        var declarations = new List<string>();
        var isAssignment = false;
        // "$x :=" or "$i, $e :=" (range only).
        var probe = 0;
        var names = new List<string>();
        while (probe < tokens.Count && tokens[probe].Kind == GoTokenKind.Variable && !tokens[probe].Text.Contains('.', StringComparison.Ordinal))
        {
            names.Add(tokens[probe].Text);
            probe++;
            if (probe < tokens.Count && tokens[probe].Kind == GoTokenKind.Comma && names.Count < allowDeclarations)
            {
                probe++;
                continue;
            }

            break;
        }

        if (names.Count > 0 && probe < tokens.Count && tokens[probe].Kind is GoTokenKind.Declare or GoTokenKind.Assign)
        {
            isAssignment = tokens[probe].Kind == GoTokenKind.Assign;
            declarations.AddRange(names);
            position = probe + 1;
        }

        var pipeline = ParseCommands(source, tokens, ref position, declarations, isAssignment, inParens: false);
        if (position < tokens.Count)
        {
            throw Error(source, $"unexpected \"{tokens[position].Text}\" in command");
        }

        return pipeline;
    }

    private Pipeline ParseCommands(string source, IReadOnlyList<GoTemplateToken> tokens, ref int position, List<string> declarations, bool isAssignment, bool inParens)
    {
        var commands = new List<Command>();
        var operands = new List<Operand>();
        while (position < tokens.Count)
        {
            var token = tokens[position];
            if (token.Kind == GoTokenKind.RightParen)
            {
                if (!inParens)
                {
                    throw Error(source, "unexpected right paren");
                }

                break;
            }

            position++;
            switch (token.Kind)
            {
                case GoTokenKind.Pipe:
                    commands.Add(FinishCommand(source, operands));
                    operands = [];
                    break;
                case GoTokenKind.LeftParen:
                    var inner = ParseCommands(source, tokens, ref position, [], false, inParens: true);
                    if (position >= tokens.Count || tokens[position].Kind != GoTokenKind.RightParen)
                    {
                        throw Error(source, "unclosed left paren");
                    }

                    position++;
                    IReadOnlyList<string> chain = [];
                    if (position < tokens.Count && tokens[position].Kind == GoTokenKind.Field && !tokens[position].SpaceBefore)
                    {
                        chain = Chain(tokens[position++].Text);
                    }

                    operands.Add(new SubPipelineOperand(inner, chain));
                    break;
                default:
                    operands.Add(Term(source, token));
                    break;
            }
        }

        if (operands.Count > 0 || commands.Count > 0)
        {
            commands.Add(FinishCommand(source, operands));
        }

        if (commands.Count == 0)
        {
            throw Error(source, "missing value for command");
        }

        return new Pipeline(source, declarations, isAssignment, commands);
    }

    private Command FinishCommand(string source, List<Operand> operands)
    {
        if (operands.Count == 0)
        {
            throw Error(source, "missing value for command");
        }

        if (operands.Count > 1 && operands[0] is not FunctionOperand)
        {
            throw Error(source, "can't give argument to non-function");
        }

        return new Command(operands);
    }

    private Operand Term(string source, GoTemplateToken token) => token.Kind switch
    {
        GoTokenKind.Field => new FieldOperand(Chain(token.Text)),
        GoTokenKind.Variable => Variable(token.Text),
        GoTokenKind.String => new LiteralOperand(token.Text),
        GoTokenKind.Number => new LiteralOperand(Number(source, token.Text)),
        GoTokenKind.Identifier => token.Text switch
        {
            "true" => new LiteralOperand(true),
            "false" => new LiteralOperand(false),
            "nil" => new LiteralOperand(null),
            var name when GoTemplateFunctions.Exists(name) => new FunctionOperand(name),
            var name => throw Error(source, $"function \"{name}\" not defined"),
        },
        _ => throw Error(source, $"unexpected \"{token.Text}\" in operand"),
    };

    private static VariableOperand Variable(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? new VariableOperand(text, []) : new VariableOperand(text[..dot], Chain(text[dot..]));
    }

    private static IReadOnlyList<string> Chain(string text) =>
        text == "." ? [] : text.Split('.', StringSplitOptions.RemoveEmptyEntries);

    private object Number(string source, string text)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            return whole;
        }

        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && long.TryParse(text[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex))
        {
            return hex;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
        {
            return real;
        }

        throw Error(source, $"bad number syntax: \"{text}\"");
    }

    private TemplateException Error(string source, string message) =>
        new($"template \"{_template}\": {message} (at {source})");
}
