using System.Globalization;
using System.Text;

namespace Homelab.Applications.ApplicationSets.Templates;

/// <summary>
/// Splits a template into text and actions (<c>{{ … }}</c>, with Go's <c>{{- </c> / <c> -}}</c> whitespace
/// trimming and <c>{{/* comments */}}</c>) and lexes each action into tokens.
/// </summary>
internal sealed class GoTemplateScanner(string template)
{
    private const string Open = "{{";
    private const string Close = "}}";

    /// <summary>A piece of the template: text, or an action's tokens with its source for error messages.</summary>
    public sealed record Segment(string? Text, IReadOnlyList<GoTemplateToken>? Tokens, string Source);

    public IReadOnlyList<Segment> Scan()
    {
        var segments = new List<Segment>();
        var position = 0;
        var trimNextText = false;
        while (position <= template.Length)
        {
            var open = template.IndexOf(Open, position, StringComparison.Ordinal);
            var text = open < 0 ? template[position..] : template[position..open];
            if (trimNextText)
            {
                text = text.TrimStart(' ', '\t', '\r', '\n');
            }

            if (open < 0)
            {
                AddText(segments, text);
                break;
            }

            var start = open + Open.Length;
            if (IsTrimMarker(start))
            {
                text = text.TrimEnd(' ', '\t', '\r', '\n');
                start += 2;
            }

            AddText(segments, text);
            var (tokens, end, trimRight) = LexAction(start, open);
            trimNextText = trimRight;
            if (tokens is not null)
            {
                segments.Add(new Segment(null, tokens, template[open..end]));
            }

            position = end;
        }

        return segments;
    }

    private static void AddText(List<Segment> segments, string text)
    {
        if (text.Length > 0)
        {
            segments.Add(new Segment(text, null, text));
        }
    }

    // "{{- " trims: the dash must be followed by a space, or "{{-3}}" would be the number -3.
    private bool IsTrimMarker(int at) =>
        at + 1 < template.Length && template[at] == '-' && char.IsWhiteSpace(template[at + 1]);

    private (List<GoTemplateToken>? Tokens, int End, bool TrimRight) LexAction(int position, int open)
    {
        var tokens = new List<GoTemplateToken>();
        var start = position;
        while (position < template.Length && char.IsWhiteSpace(template[position]))
        {
            position++;
        }

        if (At(position, "/*"))
        {
            var endComment = template.IndexOf("*/", position + 2, StringComparison.Ordinal);
            if (endComment < 0)
            {
                throw Error(open, "unclosed comment");
            }

            var (end, trim) = ExpectClose(endComment + 2, open);
            return (null, end, trim);
        }

        position = start;
        while (true)
        {
            var spaceBefore = false;
            while (position < template.Length && char.IsWhiteSpace(template[position]))
            {
                // A " -}}" ends the action with trimming.
                if (position + 1 < template.Length && template[position + 1] == '-' && At(position + 2, Close))
                {
                    return (tokens, position + 2 + Close.Length, true);
                }

                position++;
                spaceBefore = true;
            }

            if (position >= template.Length)
            {
                throw Error(open, "unclosed action");
            }

            if (At(position, Close))
            {
                return (tokens, position + Close.Length, false);
            }

            var c = template[position];
            switch (c)
            {
                case '|':
                    tokens.Add(new(GoTokenKind.Pipe, "|", spaceBefore));
                    position++;
                    break;
                case '(':
                    tokens.Add(new(GoTokenKind.LeftParen, "(", spaceBefore));
                    position++;
                    break;
                case ')':
                    tokens.Add(new(GoTokenKind.RightParen, ")", spaceBefore));
                    position++;
                    break;
                case ',':
                    tokens.Add(new(GoTokenKind.Comma, ",", spaceBefore));
                    position++;
                    break;
                case ':' when At(position, ":="):
                    tokens.Add(new(GoTokenKind.Declare, ":=", spaceBefore));
                    position += 2;
                    break;
                case '=':
                    tokens.Add(new(GoTokenKind.Assign, "=", spaceBefore));
                    position++;
                    break;
                case '"':
                    position = LexQuoted(position, open, tokens, spaceBefore);
                    break;
                case '`':
                    var endRaw = template.IndexOf('`', position + 1);
                    if (endRaw < 0)
                    {
                        throw Error(open, "unterminated raw quoted string");
                    }

                    tokens.Add(new(GoTokenKind.String, template[(position + 1)..endRaw], spaceBefore));
                    position = endRaw + 1;
                    break;
                case '.' when position + 1 < template.Length && char.IsAsciiDigit(template[position + 1]):
                case '-' or '+' or (>= '0' and <= '9'):
                    var numberEnd = position + 1;
                    while (numberEnd < template.Length && (char.IsAsciiLetterOrDigit(template[numberEnd]) || template[numberEnd] is '.' or '_' or '+' or '-') && !At(numberEnd, Close))
                    {
                        // A sign is part of a number only right after an exponent marker.
                        if (template[numberEnd] is '+' or '-' && template[numberEnd - 1] is not ('e' or 'E'))
                        {
                            break;
                        }

                        numberEnd++;
                    }

                    tokens.Add(new(GoTokenKind.Number, template[position..numberEnd], spaceBefore));
                    position = numberEnd;
                    break;
                case '.':
                    var fieldEnd = ChainEnd(position);
                    tokens.Add(new(GoTokenKind.Field, template[position..fieldEnd], spaceBefore));
                    position = fieldEnd;
                    break;
                case '$':
                    var variableEnd = position + 1;
                    while (variableEnd < template.Length && IsIdentifierChar(template[variableEnd]))
                    {
                        variableEnd++;
                    }

                    variableEnd = ChainEnd(variableEnd);
                    tokens.Add(new(GoTokenKind.Variable, template[position..variableEnd], spaceBefore));
                    position = variableEnd;
                    break;
                default:
                    if (!char.IsLetter(c) && c != '_')
                    {
                        throw Error(open, $"unexpected '{c}' in action");
                    }

                    var identifierEnd = position;
                    while (identifierEnd < template.Length && IsIdentifierChar(template[identifierEnd]))
                    {
                        identifierEnd++;
                    }

                    tokens.Add(new(GoTokenKind.Identifier, template[position..identifierEnd], spaceBefore));
                    position = identifierEnd;
                    break;
            }
        }
    }

    // A field chain: ".a.b_c.d" (a lone "." is dot itself).
    private int ChainEnd(int position)
    {
        while (position < template.Length && template[position] == '.')
        {
            position++;
            while (position < template.Length && IsIdentifierChar(template[position]))
            {
                position++;
            }
        }

        return position;
    }

    private int LexQuoted(int position, int open, List<GoTemplateToken> tokens, bool spaceBefore)
    {
        var value = new StringBuilder();
        var i = position + 1;
        while (true)
        {
            if (i >= template.Length || template[i] == '\n')
            {
                throw Error(open, "unterminated quoted string");
            }

            var c = template[i];
            if (c == '"')
            {
                tokens.Add(new(GoTokenKind.String, value.ToString(), spaceBefore));
                return i + 1;
            }

            if (c == '\\' && i + 1 < template.Length)
            {
                i++;
                switch (template[i])
                {
                    case 'n': value.Append('\n'); break;
                    case 't': value.Append('\t'); break;
                    case 'r': value.Append('\r'); break;
                    case '\\': value.Append('\\'); break;
                    case '"': value.Append('"'); break;
                    case '\'': value.Append('\''); break;
                    case 'u' when i + 4 < template.Length && int.TryParse(template.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                        value.Append((char)code);
                        i += 4;
                        break;
                    default:
                        throw Error(open, $"unknown escape sequence '\\{template[i]}'");
                }

                i++;
                continue;
            }

            value.Append(c);
            i++;
        }
    }

    private (int End, bool TrimRight) ExpectClose(int position, int open)
    {
        if (At(position, Close))
        {
            return (position + Close.Length, false);
        }

        if (At(position, " -" + Close))
        {
            return (position + 2 + Close.Length, true);
        }

        throw Error(open, "comment ends before closing delimiter");
    }

    private bool At(int position, string text) =>
        position >= 0 && position + text.Length <= template.Length && string.CompareOrdinal(template, position, text, 0, text.Length) == 0;

    private static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private TemplateException Error(int position, string message) =>
        new($"template: column {position + 1}: {message} in \"{template}\"");
}
