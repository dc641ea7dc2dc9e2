using Herald.Networks.Bluesky;
using Herald.Networks.Mastodon;
using Herald.Networks.Sandbox;

namespace Herald.Analytics;

/// <summary>Registers analytics: metrics sources per network, the collector, rollups and KPIs.</summary>
public static class AnalyticsServices
{
    public static IServiceCollection AddAnalytics(this IServiceCollection services)
    {
        services.AddSingleton<IMetricsSource, SandboxMetrics>();
        MastodonMetrics.Register(services);
        services.AddSingleton<IMetricsSource, BlueskyMetrics>();
        services.AddSingleton<MetricsSources>();
        services.AddSingleton<MetricsStore>();
        services.AddSingleton<MetricsCollectorOptions>();
        services.AddScoped<MetricsEnrollment>();
        services.AddSingleton<MetricsCollector>();
        services.AddHostedService(sp => sp.GetRequiredService<MetricsCollector>());
        services.AddScoped<IKpiService, KpiService>();
        services.AddScoped<BestTime>();
        services.AddScoped<WhatChanged>();
        return services;
    }
}
