using System.Diagnostics;

namespace AiSales.AppHost.Resources;

/// <summary>How Postgres and Redis run: <c>AppHost:DataServices</c> = auto (default), container or local.</summary>
internal enum DataServicesMode { Auto, Container, Local }

/// <summary>
/// Whether a container engine answers. A docker client without a daemon is common (and is this CI's case): container
/// resources would then sit in RuntimeUnhealthy and every service waiting for them would wait forever.
/// </summary>
internal static class ContainerEngine
{
    public static bool Works(string? runtime)
    {
        foreach (var candidate in runtime is { Length: > 0 } ? [runtime] : (string[])["docker", "podman"])
        {
            try
            {
                using var process = Process.Start(new ProcessStartInfo(candidate, "info")
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                });
                if (process is null) continue;
                _ = process.StandardOutput.ReadToEndAsync();
                _ = process.StandardError.ReadToEndAsync();
                if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
                {
                    process.Kill(entireProcessTree: true);
                    continue;
                }
                if (process.ExitCode == 0) return true;
            }
            catch (System.ComponentModel.Win32Exception) { /* not installed */ }
        }
        return false;
    }
}
