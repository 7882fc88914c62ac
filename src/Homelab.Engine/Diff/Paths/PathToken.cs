namespace Homelab.Engine.Diff.Paths;

/// <summary>One step into a concrete JSON document: an object member, or an array index.</summary>
internal readonly record struct PathToken(string? Member, int Index)
{
    public static PathToken Key(string member) => new(member, -1);

    public static PathToken At(int index) => new(null, index);

    public bool IsIndex => Member is null;
}
