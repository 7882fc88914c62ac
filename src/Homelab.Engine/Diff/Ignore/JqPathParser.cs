using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Homelab.Manifests;

namespace Homelab.Engine.Diff.Ignore;

/// <summary>
/// The jq subset accepted in <c>jqPathExpressions</c> — paths only, no computation:
/// <list type="bullet">
/// <item><c>.a.b</c>, <c>."a-b"</c>, <c>.a["x/y"]</c> (members)</item>
/// <item><c>.a[0]</c> (index), <c>.a[]</c> and <c>.a[]?</c> (every element)</item>
/// <item><c>| select(.f.g == "v")</c> (keep elements whose field equals a JSON literal), followed by more path</item>
/// </list>
/// Anything else (functions, slices, <c>and</c>/<c>or</c>, <c>!=</c>, recursion <c>..</c>) is rejected
/// with an error naming the expression and position, never ignored silently.
/// </summary>
internal sealed class JqPathParser
{
    public const string Supported = "supported: .a.b, .\"a-b\", .a[\"k\"], .a[0], .a[], .a[]?, | select(.f == <json literal>)";

    private readonly string _text;
    private int _pos;

    private JqPathParser(string text) => _text = text;

    public static PathSelector Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var parser = new JqPathParser(expression);
        var steps = new List<SelectorStep>();
        parser.SkipSpace();
        parser.ParsePath(steps);
        while (true)
        {
            parser.SkipSpace();
            if (parser.AtEnd)
            {
                break;
            }

            parser.Expect('|');
            parser.SkipSpace();
            if (parser.TryKeyword("select"))
            {
                steps.Add(parser.ParseSelect());
            }
            else
            {
                parser.ParsePath(steps);
            }
        }

        if (steps.Count == 0 || steps.All(s => s is SelectStep))
        {
            throw parser.Error("the expression selects the whole object; name a field");
        }

        return new PathSelector(steps);
    }

    private bool AtEnd => _pos >= _text.Length;

    private char Current => _text[_pos];

    private void ParsePath(List<SelectorStep> steps)
    {
        if (AtEnd || Current != '.')
        {
            throw Error("expected a path starting with '.'");
        }

        if (_pos + 1 < _text.Length && _text[_pos + 1] == '.')
        {
            throw Error("recursive descent '..' is not supported");
        }

        var first = true;
        while (!AtEnd)
        {
            if (Current == '.')
            {
                _pos++;
                if (!AtEnd && Current == '[')
                {
                    continue;
                }

                if (!AtEnd && Current == '"')
                {
                    steps.Add(new MemberStep(ReadString()));
                }
                else if (!AtEnd && IsIdentStart(Current))
                {
                    steps.Add(new MemberStep(ReadIdent()));
                }
                else if (first && (AtEnd || Current is ' ' or '|'))
                {
                    // A lone '.' is the identity; only meaningful before a pipe.
                }
                else
                {
                    throw Error("expected a field name after '.'");
                }
            }
            else if (Current == '[')
            {
                steps.Add(ParseBracket());
            }
            else if (Current == '?')
            {
                // Optional marker: our evaluation never fails on a missing field, so it changes nothing.
                _pos++;
            }
            else
            {
                break;
            }

            first = false;
        }
    }

    private SelectorStep ParseBracket()
    {
        Expect('[');
        SkipSpace();
        if (!AtEnd && Current == ']')
        {
            _pos++;
            return new EachStep();
        }

        SelectorStep step;
        if (!AtEnd && Current == '"')
        {
            step = new MemberStep(ReadString());
        }
        else if (!AtEnd && char.IsAsciiDigit(Current))
        {
            var start = _pos;
            while (!AtEnd && char.IsAsciiDigit(Current))
            {
                _pos++;
            }

            step = new IndexStep(int.Parse(_text.AsSpan(start, _pos - start), NumberStyles.None, CultureInfo.InvariantCulture));
        }
        else
        {
            throw Error("expected ']', a string or a non-negative index inside '[...]' (slices and negative indices are not supported)");
        }

        SkipSpace();
        Expect(']');
        return step;
    }

    private SelectStep ParseSelect()
    {
        SkipSpace();
        Expect('(');
        SkipSpace();
        var field = new List<SelectorStep>();
        ParsePath(field);
        if (field.Any(s => s is not MemberStep))
        {
            throw Error("select() may only compare a plain field path such as .name or .metadata.name");
        }

        SkipSpace();
        if (!(_pos + 1 < _text.Length && Current == '=' && _text[_pos + 1] == '='))
        {
            throw Error("select() supports only '<field> == <literal>'");
        }

        _pos += 2;
        SkipSpace();
        var start = _pos;
        var depthQuote = false;
        while (!AtEnd && (depthQuote || Current != ')'))
        {
            if (Current == '"' && (_pos == start || _text[_pos - 1] != '\\'))
            {
                depthQuote = !depthQuote;
            }

            _pos++;
        }

        var literalText = _text[start.._pos].Trim();
        JsonNode? literal;
        try
        {
            literal = JsonNode.Parse(literalText);
        }
        catch (JsonException)
        {
            throw Error($"'{literalText}' is not a JSON literal (string, number, true, false or null)");
        }

        if (literal is JsonObject or JsonArray)
        {
            throw Error("select() compares with a scalar literal only");
        }

        Expect(')');
        return new SelectStep([.. field.Cast<MemberStep>().Select(m => m.Name)], literal);
    }

    private string ReadString()
    {
        var start = _pos;
        _pos++;
        while (!AtEnd && Current != '"')
        {
            _pos += Current == '\\' ? 2 : 1;
        }

        if (AtEnd)
        {
            _pos = start;
            throw Error("unterminated string");
        }

        _pos++;
        try
        {
            return JsonSerializer.Deserialize<string>(_text[start.._pos])!;
        }
        catch (JsonException)
        {
            _pos = start;
            throw Error("invalid string");
        }
    }

    private string ReadIdent()
    {
        var start = _pos;
        while (!AtEnd && (IsIdentStart(Current) || char.IsAsciiDigit(Current)))
        {
            _pos++;
        }

        return _text[start.._pos];
    }

    private bool TryKeyword(string keyword)
    {
        if (string.CompareOrdinal(_text, _pos, keyword, 0, keyword.Length) == 0)
        {
            _pos += keyword.Length;
            return true;
        }

        return false;
    }

    private void Expect(char c)
    {
        if (AtEnd || Current != c)
        {
            throw Error($"expected '{c}'");
        }

        _pos++;
    }

    private void SkipSpace()
    {
        while (!AtEnd && char.IsWhiteSpace(Current))
        {
            _pos++;
        }
    }

    private static bool IsIdentStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private ManifestException Error(string reason) =>
        new($"ignoreDifferences jqPathExpression '{_text}' is not supported: {reason} at position {_pos + 1}; {Supported}");
}
