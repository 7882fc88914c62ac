using Google.Protobuf;

namespace Homelab.Web.Backends;

/// <summary>
/// The JSON the front end reads is the gRPC messages' canonical protobuf JSON (camelCase fields, RFC 3339
/// timestamps, defaults included so scripts need no fallbacks): one contract for the CLI and the UI.
/// </summary>
internal static class ProtoJson
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    public static string Format(IMessage message) => Formatter.Format(message);
}
