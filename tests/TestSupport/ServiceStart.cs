using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace VideoPlatform.TestSupport;

/// <summary>
/// Starts a service's composition (its defaults and registrations, as its <c>Program</c> makes
/// them) with some settings, on a loopback port, and stops it again: what a check of start-up
/// needs, without the service's routes. A start that fails throws what stopped it, and leaves
/// nothing running.
/// </summary>
public static class ServiceStart
{
    public static async Task<WebApplication> StartAndStopAsync(Action<WebApplicationBuilder> compose, string environment,
        params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        foreach (var (key, value) in settings)
        {
            builder.Configuration[key] = value;
        }
        compose(builder);
        var app = builder.Build();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        await app.StopAsync();
        return app;
    }
}
