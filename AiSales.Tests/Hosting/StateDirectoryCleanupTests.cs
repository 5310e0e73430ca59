using System.Diagnostics;
using AiSales.AppHost.Resources;
using AiSales.Tests.Infrastructure;
using Aspire.Hosting;

namespace AiSales.Tests.Hosting;

public class StateDirectoryCleanupTests
{
    [Fact]
    public async Task Disposing_a_test_app_removes_its_state_directory_and_leaves_no_postgres_behind()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var host = TestAppHost.CreateEmpty();
        var stateDirectory = host.StateDirectory;
        Assert.True(File.Exists(Path.Combine(stateDirectory, StateDirectoryCleanup.OwnerFileName)));
        int? pid;
        await using (host)
        {
            var b = host.Builder;
            b.AddLocalPostgres("pg", b.AddParameter("pg-password", "pg-Secret-4", secret: true), stateDirectory);
            var app = await host.StartAsync(timeout.Token);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("pg", timeout.Token);
            pid = host.Pid("pg");
            Assert.NotNull(pid);
            Assert.True(File.Exists(Path.Combine(stateDirectory, "data", "pg", "PG_VERSION")));
        }
        Assert.False(Directory.Exists(stateDirectory), $"{stateDirectory} is still there");
        await ProcessAssert.AllGoneAsync([pid!.Value]);
        Assert.Empty(ProcessesMentioning(stateDirectory));
    }

    [Fact]
    public void Sweep_removes_only_marked_directories_whose_owner_is_gone_and_stops_their_servers()
    {
        var root = Directory.CreateTempSubdirectory("aisales-sweep-root-").FullName;
        Process? orphanServer = null;
        try
        {
            var orphaned = Directory.CreateDirectory(Path.Combine(root, "aisales-test-orphaned")).FullName;
            var live = Directory.CreateDirectory(Path.Combine(root, "aisales-test-live")).FullName;
            var unmarked = Directory.CreateDirectory(Path.Combine(root, "aisales-test-unmarked")).FullName;

            using (var gone = Process.Start(new ProcessStartInfo("/bin/true") { UseShellExecute = false })!)
            {
                gone.WaitForExit();
                File.WriteAllText(Path.Combine(orphaned, StateDirectoryCleanup.OwnerFileName), $"{gone.Id} 1");
            }
            StateDirectoryCleanup.WriteOwner(live);
            // A "server" left running from the orphaned directory, as a killed test host leaves its Postgres.
            orphanServer = Process.Start(new ProcessStartInfo("/bin/sleep", "300") { WorkingDirectory = orphaned, UseShellExecute = false })!;

            var removed = StateDirectoryCleanup.SweepStale(root, "aisales-test-");

            Assert.Equal([orphaned], removed);
            Assert.False(Directory.Exists(orphaned));
            Assert.True(Directory.Exists(live));
            Assert.True(Directory.Exists(unmarked));
            Assert.True(orphanServer.WaitForExit(TimeSpan.FromSeconds(10)), "the orphaned server was not stopped");
        }
        finally
        {
            if (orphanServer is { HasExited: false }) orphanServer.Kill();
            orphanServer?.Dispose();
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>
    /// Processes whose command line or working directory names <paramref name="dir"/>, read straight from /proc.
    /// Deliberately NOT <see cref="StateDirectoryCleanup.ProcessesUsing"/>: that is how the cleanup under test finds the
    /// servers it waits for and kills, so a process it cannot see would escape both the cleanup and this check. This
    /// oracle is independent and looser (any mention of the path, no trailing-slash rule).
    /// </summary>
    private static List<int> ProcessesMentioning(string dir)
    {
        var found = new List<int>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(entry, "stat"));
                if (stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z')) continue;
                var cmdline = File.ReadAllText(Path.Combine(entry, "cmdline")).Replace('\0', ' ');
                var cwd = new FileInfo(Path.Combine(entry, "cwd")).LinkTarget ?? "";
                if (cmdline.Contains(dir, StringComparison.Ordinal) || cwd.StartsWith(dir, StringComparison.Ordinal)) found.Add(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return found;
    }
}
