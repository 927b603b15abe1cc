using System.Diagnostics;

namespace VideoPlatform.Bench;

/// <summary>
/// The baseline: Kestrel with nothing else, answering fixed bytes. Runs as its own process
/// (this program with <c>--serve-bytes</c>) so that it competes for the CPU like a service does.
/// </summary>
internal static class BareKestrel
{
    public static async Task ServeAsync(string file, string contentType, int port)
    {
        var body = await File.ReadAllBytesAsync(file);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        if (contentType == "redirect")
        {
            var location = System.Text.Encoding.UTF8.GetString(body);
            app.MapGet("/bytes", () => Results.Redirect(location));
        }
        else
        {
            app.MapGet("/bytes", () => Results.Bytes(body, contentType));
        }
        await app.RunAsync();
    }

    public static Process Start(string file, string contentType, int port) =>
        Process.Start(new ProcessStartInfo("dotnet",
            [typeof(BareKestrel).Assembly.Location, "--serve-bytes", file, contentType, port.ToString()])
        {
            RedirectStandardOutput = true,
        })!;
}
