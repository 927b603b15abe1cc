using System.Diagnostics;

namespace VideoPlatform.Bench;

/// <summary>
/// nginx (Debian's nginx-light) as the reverse proxy the streaming service is compared with, in
/// front of the same fake CDN.
/// </summary>
internal sealed class Nginx : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private Nginx(Process process, string directory, int proxyPort)
    {
        _process = process;
        _directory = directory;
        ProxyPort = proxyPort;
    }

    public int ProxyPort { get; }

    public static async Task<Nginx> StartAsync(Uri upstream)
    {
        var directory = Directory.CreateTempSubdirectory("bench-nginx-").FullName;
        var proxy = TestSupport.FreePort.Next();
        var config = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(config, $$"""
            worker_processes auto;
            daemon off;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log off;
                client_body_temp_path {{directory}}/body;
                proxy_temp_path {{directory}}/proxy;
                server {
                    listen 127.0.0.1:{{proxy}};
                    location / {
                        proxy_pass {{upstream.ToString().TrimEnd('/')}};
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        proxy_buffering on;
                        proxy_max_temp_file_size 0;
                    }
                }
            }
            """);
        var process = Process.Start(new ProcessStartInfo("/usr/sbin/nginx", ["-c", config, "-p", directory]))
                      ?? throw new InvalidOperationException("nginx did not start (apt-get install nginx-light)");
        await Scenarios.WaitUntilAnsweringAsync($"http://127.0.0.1:{proxy}/videoplayback", head: true);
        return new Nginx(process, directory, proxy);
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
