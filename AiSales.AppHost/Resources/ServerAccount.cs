namespace AiSales.AppHost.Resources;

/// <summary>
/// The unprivileged OS account a private Postgres runs as when the AppHost is root (Postgres refuses root):
/// 'postgres' when the Debian package made it, else a system user 'aisales' created once.
/// </summary>
internal sealed record ServerAccount(string Name, int Uid, int Gid)
{
    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>Null when the AppHost is not root: the server then runs as the developer.</summary>
    public static ServerAccount? ForPostgres()
    {
        if (!IsRoot) return null;
        if (Find("postgres") is { } postgres) return postgres;
        if (Find("aisales") is { } existing) return existing;
        Run("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "aisales");
        return Find("aisales") ?? throw new InvalidOperationException("Could not create the system user 'aisales' to run Postgres as.");
    }

    /// <summary>Arguments that run a program as this account, without a shell or PAM in between (signals reach it).</summary>
    public IEnumerable<string> SwitchUserPrefix => ["setpriv", $"--reuid={Uid}", $"--regid={Gid}", "--init-groups"];

    /// <summary>The program and arguments that run <paramref name="program"/> as <paramref name="account"/> (as is when null).</summary>
    public static (string File, string[] Args) Command(ServerAccount? account, string program, params string[] args) =>
        account is null ? (program, args) : ("setpriv", [.. account.SwitchUserPrefix.Skip(1), program, .. args]);

    public void TakeOwnership(string path) => Run("chown", "-R", $"{Uid}:{Gid}", path);

    /// <summary>
    /// Lets the account walk into <paramref name="directory"/> through every parent. A parent it cannot enter (a 0700
    /// home directory, say) is a clear error, not a silent chmod of someone's home.
    /// </summary>
    public void EnsureCanReach(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            if (!dir.Exists) continue;
            var mode = File.GetUnixFileMode(dir.FullName);
            if ((mode & UnixFileMode.OtherExecute) != 0) continue;
            if (dir.FullName.StartsWith(Path.GetTempPath(), StringComparison.Ordinal) || dir.FullName == directory
                || dir.FullName.EndsWith(".aisales", StringComparison.Ordinal))
            {
                File.SetUnixFileMode(dir.FullName, mode | UnixFileMode.OtherExecute);
                continue;
            }
            throw new InvalidOperationException(
                $"Postgres runs as '{Name}' (it refuses root) and cannot enter {dir.FullName}. " +
                "Clone the repository somewhere other users can reach, or set AppHost__StateDirectory to such a directory.");
        }
    }

    private static ServerAccount? Find(string name)
    {
        foreach (var line in File.ReadLines("/etc/passwd"))
        {
            var f = line.Split(':');
            if (f.Length > 3 && f[0] == name) return new ServerAccount(name, int.Parse(f[2]), int.Parse(f[3]));
        }
        return null;
    }

    private static void Run(string file, params string[] args) => Commands.Run(file, args);
}
