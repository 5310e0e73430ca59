using System.Runtime.InteropServices;

namespace Aspire.Hosting.Local;

/// <summary>POSIX signals to child processes and their process groups (children run under setsid, so pgid == pid).</summary>
internal static partial class Signals
{
    public const int SIGINT = 2, SIGKILL = 9, SIGTERM = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int sig);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEuid();

    public static bool IsRoot => OperatingSystem.IsLinux() && GetEuid() == 0;

    public static void Send(int pid, int signal) => Kill(pid, signal);

    public static void SendGroup(int pid, int signal) => Kill(-pid, signal);

    public static bool IsAlive(int pid) => Kill(pid, 0) == 0 && !IsZombie(pid);

    private static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var afterName = stat[(stat.LastIndexOf(')') + 2)..];
            return afterName.StartsWith('Z');
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }
}
