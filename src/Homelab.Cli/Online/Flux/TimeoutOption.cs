using System.CommandLine;
using Homelab.Api.Specs;

namespace Homelab.Cli.Online.Flux;

/// <summary><c>--timeout</c> as a Go duration (<c>5m</c>, <c>90s</c>), as the flux CLI takes it.</summary>
internal static class TimeoutOption
{
    public static Option<TimeSpan> Create(string defaultValue)
    {
        return new Option<TimeSpan>("--timeout")
        {
            Description = $"How long to wait, as a Go duration (default {defaultValue}).",
            DefaultValueFactory = _ => GoDuration.Parse(defaultValue).Value,
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 0 ? defaultValue : result.Tokens[0].Value;
                if (GoDuration.TryParse(text, out var duration, out var error) && duration.Value > TimeSpan.Zero)
                {
                    return duration.Value;
                }

                result.AddError($"--timeout '{text}': {(string.IsNullOrEmpty(error) ? "must be positive" : error)}");
                return default;
            },
        };
    }
}
