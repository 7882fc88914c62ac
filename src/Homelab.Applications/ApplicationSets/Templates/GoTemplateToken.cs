namespace Homelab.Applications.ApplicationSets.Templates;

internal enum GoTokenKind
{
    Identifier,
    Field,
    Variable,
    String,
    Number,
    Pipe,
    LeftParen,
    RightParen,
    Declare,
    Assign,
    Comma,
}

/// <summary>One token inside an action. <see cref="Text"/> is the decoded value for strings; <see cref="SpaceBefore"/> tells <c>(x).f</c> from <c>(x) .f</c>.</summary>
internal sealed record GoTemplateToken(GoTokenKind Kind, string Text, bool SpaceBefore);
