namespace AiSales.AppHost.State;

/// <summary>
/// The process that actually does a resource's work. Aspire starts projects through <c>dotnet run --no-build</c> and
/// the local Postgres runs under a small shell that turns SIGTERM into a fast shutdown, so the pid Aspire reports is a
/// launcher's; scripts that signal or watch a resource (a crash test, a profiler) need the launcher's child.
/// </summary>
internal static class ServiceProcess
{
    /// <summary>
    /// The service's own pid, or null while only its launcher runs (<c>dotnet run</c> builds and starts the service a
    /// moment after it is started itself). Never the launcher's pid: a script that signalled it would orphan the service,
    /// which then runs on outside the AppHost. The file is written again at the resource's next state change (Healthy),
    /// by when the service exists.
    /// </summary>
    public static int? Resolve(int launcherPid)
    {
        if (!OperatingSystem.IsLinux() || !IsLauncher(launcherPid)) return launcherPid;
        try
        {
            var children = File.ReadAllText($"/proc/{launcherPid}/task/{launcherPid}/children")
                .Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return children.Select(int.Parse).FirstOrDefault(c => !IsLauncher(c)) is var child and > 0 ? child : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { return null; }
    }

    private static bool IsLauncher(int pid)
    {
        try
        {
            var argv = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
            return argv.Length > 1 && ((Path.GetFileName(argv[0]) == "dotnet" && argv[1] == "run") || (argv[0] == "/bin/sh" && argv[1] == "-c"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }
}
