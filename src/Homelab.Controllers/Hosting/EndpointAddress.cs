using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Homelab.Controllers.Hosting;

/// <summary>A listen address from configuration: <c>http://host:port</c> (host an IP, <c>localhost</c>, or <c>*</c>/<c>+</c>/<c>0.0.0.0</c> for all).</summary>
internal static partial class EndpointAddress
{
    public static IPEndPoint Parse(string key, string value)
    {
        var match = Pattern().Match(value.Trim());
        if (!match.Success || !int.TryParse(match.Groups["port"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new InvalidOperationException($"{key} must look like http://127.0.0.1:9440 (https is not served; terminate TLS in front), not '{value}'");
        }

        var host = match.Groups["host"].Value.Trim('[', ']');
        var address = host switch
        {
            "*" or "+" => IPAddress.Any,
            "localhost" => IPAddress.Loopback,
            _ when IPAddress.TryParse(host, out var ip) => ip,
            _ => throw new InvalidOperationException($"{key}: '{host}' is not an IP address (use an IP, localhost or *)"),
        };
        return new IPEndPoint(address, port);
    }

    [GeneratedRegex(@"^(?:http://)?(?<host>\[[^\]]+\]|[^:/\[\]]+):(?<port>\d+)/?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
