using System.Diagnostics;

namespace Aspire.Hosting.Local;

/// <summary>
/// One child process in its own session (setsid, so pgid == pid and a terminal's Ctrl+C reaches only the
/// AppHost, which then stops children in order). Output lines go to the reporter under the resource's name.
/// </summary>
internal sealed class ManagedProcess
{
    private readonly Process _process;

    private ManagedProcess(Process process) => _process = process;

    public int Pid => _process.Id;
    public Task<int> Exited { get; private set; } = Task.FromResult(0);

    public static ManagedProcess Start(string resource, string file, IEnumerable<string> args, string workingDirectory,
        IReadOnlyDictionary<string, string?> environment, ConsoleReporter reporter, string? runAsUser = null)
    {
        var psi = new ProcessStartInfo("/usr/bin/setsid")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (!File.Exists(psi.FileName)) { psi.FileName = file; }
        else
        {
            if (runAsUser is not null)
            {
                psi.ArgumentList.Add("/usr/bin/setpriv");
                psi.ArgumentList.Add($"--reuid={runAsUser}");
                psi.ArgumentList.Add($"--regid={runAsUser}");
                psi.ArgumentList.Add("--init-groups");
            }
            psi.ArgumentList.Add(file);
        }
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in environment) psi.Environment[k] = v;

        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var exited = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) reporter.Line(resource, e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) reporter.Line(resource, e.Data); };
        process.Exited += (_, _) =>
        {
            // Let the output readers drain before reporting the exit.
            try { process.WaitForExit(); } catch (InvalidOperationException) { }
            exited.TrySetResult(SafeExitCode(process));
        };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ManagedProcess(process) { Exited = exited.Task };
    }

    private static int SafeExitCode(Process p)
    {
        try { return p.ExitCode; } catch (InvalidOperationException) { return -1; }
    }

    /// <summary>Sends <paramref name="signal"/>, waits up to <paramref name="grace"/>, then kills the whole group.</summary>
    public async Task StopAsync(int signal, TimeSpan grace)
    {
        if (Exited.IsCompleted) { Signals.SendGroup(Pid, Signals.SIGKILL); return; }
        Signals.Send(Pid, signal);
        if (await Task.WhenAny(Exited, Task.Delay(grace)) != Exited)
            Signals.SendGroup(Pid, Signals.SIGKILL);
        // Leftover grandchildren (e.g. postgres backends) share the group.
        Signals.SendGroup(Pid, Signals.SIGKILL);
        await Task.WhenAny(Exited, Task.Delay(TimeSpan.FromSeconds(3)));
    }
}
