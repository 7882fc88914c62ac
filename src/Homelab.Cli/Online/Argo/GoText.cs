using System.Globalization;
using Google.Protobuf.WellKnownTypes;

namespace Homelab.Cli.Online.Argo;

/// <summary>Times and durations printed the way Go prints them, so argocd's layouts read the same.</summary>
public static class GoText
{
    /// <summary>Go's <c>time.Time.String()</c> for UTC: <c>2024-05-01 12:30:00 +0000 UTC</c>; empty when unset.</summary>
    public static string Time(Timestamp? timestamp) =>
        timestamp is null ? "" : timestamp.ToDateTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " +0000 UTC";

    /// <summary>Go's <c>time.Duration.String()</c> for whole seconds: <c>0s</c>, <c>45s</c>, <c>1m5s</c>, <c>2h0m0s</c>.</summary>
    public static string Duration(TimeSpan duration)
    {
        var seconds = (long)Math.Max(0, Math.Floor(duration.TotalSeconds));
        var hours = seconds / 3600;
        var minutes = seconds % 3600 / 60;
        var rest = seconds % 60;
        return hours > 0 ? $"{hours}h{minutes}m{rest}s" : minutes > 0 ? $"{minutes}m{rest}s" : $"{rest}s";
    }
}
