using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Homelab.Applications;

/// <summary>
/// Two Kestrel endpoints: HTTP/1.1 for /health, /metrics and /hooks, HTTP/2 cleartext for gRPC.
/// Loopback by default; <c>Endpoints:Http</c> and <c>Endpoints:Grpc</c> override them.
/// </summary>
internal static class ServiceEndpoints
{
    public static void Configure(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        configuration["Kestrel:Endpoints:http:Url"] = configuration["Endpoints:Http"] ?? "http://127.0.0.1:9450";
        configuration["Kestrel:Endpoints:http:Protocols"] = nameof(HttpProtocols.Http1);
        configuration["Kestrel:Endpoints:grpc:Url"] = configuration["Endpoints:Grpc"] ?? "http://127.0.0.1:9451";
        configuration["Kestrel:Endpoints:grpc:Protocols"] = nameof(HttpProtocols.Http2);
    }
}
