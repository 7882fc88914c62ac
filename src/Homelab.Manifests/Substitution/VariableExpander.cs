using System.Globalization;
using System.Text;

namespace Homelab.Manifests.Substitution;

/// <summary>
/// Expands <c>${...}</c> expressions in text as Flux's envsubst does: <c>${var}</c>,
/// <c>${var:=default}</c> / <c>${var:-default}</c> (default when unset or empty),
/// <c>${var=default}</c> / <c>${var-default}</c> (default when unset), <c>${var:offset[:length]}</c>,
/// <c>${var/find/replace}</c>. <c>$${...}</c> is an escape that leaves <c>${...}</c> in place. Bare
/// <c>$var</c> is left alone: Flux only substitutes the braced form.
/// </summary>
internal sealed class VariableExpander(IReadOnlyDictionary<string, string> variables, bool strict)
{
    /// <summary>Defaults may hold expressions; nesting is bounded so hostile input cannot exhaust the stack.</summary>
    private const int MaxNesting = 16;

    public string Expand(string text) => Expand(text, depth: 0);

    private string Expand(string text, int depth)
    {
        if (depth > MaxNesting)
        {
            throw new SubstitutionError($"defaults nested more than {MaxNesting} levels deep");
        }

        if (!text.Contains("${", StringComparison.Ordinal))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var dollar = text.IndexOf('$', i);
            if (dollar < 0 || dollar + 1 >= text.Length)
            {
                result.Append(text, i, text.Length - i);
                break;
            }

            result.Append(text, i, dollar - i);
            if (text[dollar + 1] == '$' && dollar + 2 < text.Length && text[dollar + 2] == '{')
            {
                var escapedEnd = ClosingBrace(text, dollar + 2);
                result.Append(text, dollar + 1, escapedEnd - dollar);
                i = escapedEnd + 1;
            }
            else if (text[dollar + 1] == '{')
            {
                var end = ClosingBrace(text, dollar + 1);
                result.Append(Evaluate(text[(dollar + 2)..end], depth));
                i = end + 1;
            }
            else
            {
                result.Append('$');
                i = dollar + 1;
            }
        }

        return result.ToString();
    }

    private static int ClosingBrace(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            if (text[i] == '{')
            {
                depth++;
            }
            else if (text[i] == '}' && --depth == 0)
            {
                return i;
            }
        }

        var snippet = text[open..Math.Min(text.Length, open + 40)].Split('\n')[0];
        throw new SubstitutionError($"unclosed '${snippet}'");
    }

    private string Evaluate(string expression, int depth)
    {
        var nameLength = 0;
        while (nameLength < expression.Length && (char.IsAsciiLetterOrDigit(expression[nameLength]) || expression[nameLength] == '_'))
        {
            nameLength++;
        }

        var name = expression[..nameLength];
        var operation = expression[nameLength..];
        if (!VariableName.IsValid(name))
        {
            throw new SubstitutionError($"'${{{expression}}}': '{name}' is not a valid variable name (must match {VariableName.Pattern})");
        }

        var isSet = variables.TryGetValue(name, out var value);
        if (operation.StartsWith(":=", StringComparison.Ordinal) || operation.StartsWith(":-", StringComparison.Ordinal))
        {
            return isSet && value!.Length > 0 ? value : Expand(operation[2..], depth + 1);
        }

        if (operation.StartsWith('=') || operation.StartsWith('-'))
        {
            return isSet ? value! : Expand(operation[1..], depth + 1);
        }

        if (!isSet)
        {
            if (strict)
            {
                throw new SubstitutionError($"variable '{name}' is not defined (strict mode)");
            }

            value = "";
        }

        return operation switch
        {
            "" => value!,
            [':', ..] => Slice(value!, operation[1..], expression),
            ['/', ..] => Replace(value!, operation[1..]),
            _ => throw new SubstitutionError($"'${{{expression}}}' is not a supported substitution"),
        };
    }

    private static string Slice(string value, string range, string expression)
    {
        var parts = range.Split(':');
        if (parts.Length > 2 || !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var offset))
        {
            throw new SubstitutionError($"'${{{expression}}}' is not a supported substitution");
        }

        offset = offset < 0 ? Math.Max(0, value.Length + offset) : Math.Min(offset, value.Length);
        var rest = value[offset..];
        if (parts.Length == 1)
        {
            return rest;
        }

        return int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var length) && length >= 0
            ? rest[..Math.Min(length, rest.Length)]
            : throw new SubstitutionError($"'${{{expression}}}' is not a supported substitution");
    }

    private static string Replace(string value, string findReplace)
    {
        var slash = findReplace.IndexOf('/', StringComparison.Ordinal);
        var find = slash < 0 ? findReplace : findReplace[..slash];
        var replacement = slash < 0 ? "" : findReplace[(slash + 1)..];
        if (find.Length == 0)
        {
            return value;
        }

        var at = value.IndexOf(find, StringComparison.Ordinal);
        return at < 0 ? value : string.Concat(value.AsSpan(0, at), replacement, value.AsSpan(at + find.Length));
    }
}
