using System.Diagnostics;
using AiSales.AppHost.State;

namespace AiSales.Tests.Hosting;

/// <summary>
/// resources.json names the process that does a resource's work, never the launcher Aspire starts it through: a script
/// that killed the launcher would orphan the service outside the AppHost.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ServiceProcessTests
{
    private static Process Start(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardInput = true };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        return Process.Start(info)!;
    }

    private static void Stop(Process process)
    {
        try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        process.WaitForExit();
        process.Dispose();
    }

    [Fact]
    public void A_launcher_resolves_to_the_service_it_started()
    {
        var launcher = Start("/bin/sh", "-c", "sleep 30; true");
        try
        {
            var child = 0;
            Assert.True(SpinWait.SpinUntil(() =>
            {
                child = ServiceProcess.Resolve(launcher.Id) ?? 0;
                return child > 0;
            }, TimeSpan.FromSeconds(10)), "the launcher's child was never found");
            Assert.NotEqual(launcher.Id, child);
            Assert.Contains("sleep", File.ReadAllText($"/proc/{child}/cmdline"));
        }
        finally { Stop(launcher); }
    }

    [Fact]
    public void A_launcher_that_has_not_started_its_service_yet_names_no_process()
    {
        // `read` is a shell builtin: the launcher runs, waiting, with no child, like `dotnet run` before the service starts.
        var launcher = Start("/bin/sh", "-c", "read line; true");
        try
        {
            Assert.Null(ServiceProcess.Resolve(launcher.Id));
        }
        finally { Stop(launcher); }
    }

    [Fact]
    public void A_process_that_is_not_a_launcher_is_itself()
    {
        var service = Start("sleep", "30");
        try
        {
            Assert.Equal(service.Id, ServiceProcess.Resolve(service.Id));
        }
        finally { Stop(service); }
    }
}
