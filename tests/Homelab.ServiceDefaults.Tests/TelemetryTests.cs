using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Homelab.ServiceDefaults.Tests;

public sealed class TelemetryTests
{
    [Fact]
    public void Otlp_exporter_is_not_registered_without_an_endpoint()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });

        builder.AddServiceDefaults();

        Assert.DoesNotContain(builder.Services, IsOtlpService);
    }

    [Fact]
    public void Otlp_exporter_is_registered_when_the_endpoint_is_configured()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4317";

        builder.AddServiceDefaults();

        Assert.Contains(builder.Services, IsOtlpService);
    }

    [Fact]
    public void Service_name_and_resource_attributes_come_from_the_standard_variables()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration["OTEL_SERVICE_NAME"] = "infrastructure";
        builder.Configuration["OTEL_RESOURCE_ATTRIBUTES"] = "service.instance.id=abc123,deployment.environment=homelab";
        builder.AddServiceDefaults();

        using var host = builder.Build();
        var resource = host.Services.GetRequiredService<TracerProvider>().GetResource();
        var attributes = resource.Attributes.ToDictionary(a => a.Key, a => a.Value);

        Assert.Equal("infrastructure", attributes["service.name"]);
        Assert.Equal("abc123", attributes["service.instance.id"]);
        Assert.Equal("homelab", attributes["deployment.environment"]);
    }

    [Fact]
    public void Homelab_sources_are_traced_by_wildcard()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.AddServiceDefaults();
        using var host = builder.Build();
        _ = host.Services.GetRequiredService<TracerProvider>();

        using var source = new System.Diagnostics.ActivitySource("Homelab.Engine.Sync");
        using var unrelated = new System.Diagnostics.ActivitySource("SomeoneElse.Library");

        Assert.True(source.HasListeners());
        Assert.False(unrelated.HasListeners());
    }

    [Fact]
    public void Homelab_meters_are_collected_by_wildcard()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.AddServiceDefaults();
        var exporter = new CollectingMetricExporter();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddReader(new BaseExportingMetricReader(exporter)));
        using var host = builder.Build();
        var provider = host.Services.GetRequiredService<MeterProvider>();

        using var meter = new Meter("Homelab.Infrastructure");
        using var unrelated = new Meter("SomeoneElse.Library");
        meter.CreateCounter<long>("homelab.reconciles").Add(1);
        unrelated.CreateCounter<long>("other.things").Add(1);
        Assert.True(provider.ForceFlush(10_000));

        Assert.Contains("homelab.reconciles", exporter.Names);
        Assert.DoesNotContain("other.things", exporter.Names);
    }

    /// <summary>An in-process metric sink, so the test sees what an exporter would send without any network.</summary>
    private sealed class CollectingMetricExporter : BaseExporter<Metric>
    {
        public HashSet<string> Names { get; } = [];

        public override ExportResult Export(in Batch<Metric> batch)
        {
            foreach (var metric in batch)
            {
                Names.Add(metric.Name);
            }

            return ExportResult.Success;
        }
    }

    private static bool IsOtlpService(ServiceDescriptor descriptor) =>
        Names(descriptor).Any(name => name.Contains("Otlp", StringComparison.Ordinal));

    private static IEnumerable<string> Names(ServiceDescriptor descriptor)
    {
        yield return descriptor.ServiceType.FullName ?? "";
        if (descriptor.ServiceType.IsGenericType)
        {
            foreach (var argument in descriptor.ServiceType.GetGenericArguments())
            {
                yield return argument.FullName ?? "";
            }
        }

        var implementation = descriptor.IsKeyedService ? descriptor.KeyedImplementationType : descriptor.ImplementationType;
        yield return implementation?.FullName ?? "";
    }
}
