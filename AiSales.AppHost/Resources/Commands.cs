using System.Diagnostics;

namespace AiSales.AppHost.Resources;

/// <summary>Short set-up commands (initdb, chown, useradd): run to the end, fail with what they printed.</summary>
internal static class Commands
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    public static void Run(string file, IEnumerable<string> args) => RunAsync(file, args, CancellationToken.None).GetAwaiter().GetResult();

    public static async Task RunAsync(string file, IEnumerable<string> args, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Limit);
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish within {Limit}");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', psi.ArgumentList)} exited {process.ExitCode}: {(await stderr).Trim()} {(await stdout).Trim()}");
    }
}
