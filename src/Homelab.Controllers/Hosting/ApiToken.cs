using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace Homelab.Controllers.Hosting;

/// <summary>
/// The bearer token mutating API calls need: <c>Api:Token</c>, or the first line of the file
/// <c>Api:TokenFile</c> (a mounted Secret). Only its SHA-256 is kept, and comparisons take the same
/// time whatever the input, so neither the token nor its length leaks.
/// </summary>
public sealed class ApiToken
{
    private readonly byte[]? _hash;

    public ApiToken(IConfiguration configuration)
    {
        var token = Read(configuration);
        _hash = token is null ? null : SHA256.HashData(Encoding.UTF8.GetBytes(token));
    }

    /// <summary><c>Api:Token</c>, else the first line of <c>Api:TokenFile</c>; null when neither is set.</summary>
    internal static string? Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var token = configuration["Api:Token"];
        if (string.IsNullOrWhiteSpace(token) && configuration["Api:TokenFile"] is { Length: > 0 } file)
        {
            token = File.Exists(file)
                ? File.ReadLines(file).FirstOrDefault()
                : throw new InvalidOperationException($"Api:TokenFile names '{file}', which does not exist");
        }

        token = token?.Trim();
        return string.IsNullOrEmpty(token) ? null : token;
    }

    public bool IsConfigured => _hash is not null;

    public bool Matches(string presented)
    {
        ArgumentNullException.ThrowIfNull(presented);
        return _hash is not null && CryptographicOperations.FixedTimeEquals(_hash, SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
    }
}
