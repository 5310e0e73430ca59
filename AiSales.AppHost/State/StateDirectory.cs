using Microsoft.Extensions.Configuration;

namespace AiSales.AppHost.State;

/// <summary>
/// Where a local installation keeps what must survive a restart: secrets, the local servers' data, resources.json.
/// <c>AppHost:StateDirectory</c>, else <c>.aisales/</c> beside the solution (git-ignored).
/// </summary>
public static class StateDirectory
{
    public static string Resolve(IDistributedApplicationBuilder builder)
    {
        var configured = builder.Configuration["AppHost:StateDirectory"];
        var path = string.IsNullOrWhiteSpace(configured) ? Path.Combine(SolutionRoot(builder.AppHostDirectory), ".aisales") : configured;
        Directory.CreateDirectory(path);
        return Path.GetFullPath(path);
    }

    private static string SolutionRoot(string start)
    {
        for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            if (d.EnumerateFiles("*.sln").Any() || d.EnumerateFiles("*.slnx").Any()) return d.FullName;
        return start;
    }
}
