namespace AiSales.Tests.Infrastructure;

/// <summary>
/// Removes throwaway (test) state directories reliably. A private Postgres runs as another user and may still be
/// writing its data directory for a moment after the AppHost stopped waiting for it; deleting then fails part-way and
/// leaves hundreds of megabytes behind. So: wait (bounded) until no process still uses the directory, kill what is
/// left, delete with a few retries, and say so in one line if it still fails.
/// Directories carry an owner file (pid + process start time), so a later run can sweep the ones whose creator died
/// without cleaning up (test host killed) — and only those: a directory without the file is never touched.
/// </summary>
public static class StateDirectoryCleanup
{
    public const string OwnerFileName = "owner.pid";

    /// <summary>Marks <paramref name="directory"/> as created by this process.</summary>
    public static void WriteOwner(string directory) =>
        File.WriteAllText(Path.Combine(directory, OwnerFileName), $"{Environment.ProcessId} {StartTime(Environment.ProcessId)}");

    /// <summary>Waits up to <paramref name="wait"/> for every process using the directory to exit, then deletes it.</summary>
    public static bool Remove(string directory, TimeSpan wait)
    {
        if (!Directory.Exists(directory)) return true;
        var deadline = DateTime.UtcNow + wait;
        while (ProcessesUsing(directory).Count > 0 && DateTime.UtcNow < deadline) Thread.Sleep(100);
        // Still running after the grace period: these are our own servers (they live inside our directory).
        var survivors = ProcessesUsing(directory);
        foreach (var pid in survivors) ProcessState.Kill(pid);
        var killDeadline = DateTime.UtcNow.AddSeconds(3);
        while (survivors.Any(ProcessState.IsAlive) && DateTime.UtcNow < killDeadline) Thread.Sleep(50);

        Exception? last = null;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A file appeared or vanished mid-walk (a server flushing on exit): try again shortly.
                last = e;
                Thread.Sleep(100 << attempt);
            }
        }
        Console.Error.WriteLine($"aisales: could not remove state directory {directory}: {last?.Message}");
        return false;
    }

    /// <summary>
    /// Removes `&lt;prefix&gt;*` directories under <paramref name="root"/> whose owner process no longer exists, after
    /// killing any server still running from them. Returns the directories removed.
    /// </summary>
    public static IReadOnlyList<string> SweepStale(string root, string prefix)
    {
        var removed = new List<string>();
        IEnumerable<string> candidates;
        try { candidates = Directory.EnumerateDirectories(root, prefix + "*").ToList(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return removed; }
        foreach (var dir in candidates)
        {
            if (!IsOrphaned(dir)) continue;
            if (Remove(dir, TimeSpan.Zero)) removed.Add(dir);
        }
        return removed;
    }

    private static bool IsOrphaned(string dir)
    {
        string text;
        try { text = File.ReadAllText(Path.Combine(dir, OwnerFileName)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; } // not ours, or not yet marked
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !int.TryParse(parts[0], out var pid)) return false;
        // A reused pid has a different start time: the owner is gone all the same.
        return !ProcessState.IsAlive(pid) || StartTime(pid) != parts[1];
    }

    /// <summary>Field 22 of /proc/&lt;pid&gt;/stat (start time in clock ticks since boot): pid + start time names a process uniquely.</summary>
    private static string StartTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Length > 19 ? fields[19] : "";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return ""; }
    }

    /// <summary>Live processes (other than this one) whose command line or working directory lies inside <paramref name="directory"/>.</summary>
    public static List<int> ProcessesUsing(string directory)
    {
        var found = new List<int>();
        if (!OperatingSystem.IsLinux()) return found;
        var inside = directory.TrimEnd('/') + "/";
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out var pid) || pid == Environment.ProcessId) continue;
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(entry, "cmdline")).Replace('\0', ' ');
                var cwd = new FileInfo(Path.Combine(entry, "cwd")).LinkTarget ?? "";
                if ((cmdline.Contains(inside, StringComparison.Ordinal) || (cwd + "/").StartsWith(inside, StringComparison.Ordinal))
                    && ProcessState.IsAlive(pid))
                    found.Add(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // exited while we looked
        }
        return found;
    }
}
