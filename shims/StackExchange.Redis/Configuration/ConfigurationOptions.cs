using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace StackExchange.Redis;

/// <summary>
/// Connection settings, parsed from the StackExchange.Redis connection string form
/// <c>host:port[,password=...][,user=...][,abortConnect=false][,connectTimeout=ms][,syncTimeout=ms][,asyncTimeout=ms][,defaultDatabase=n][,name=...]</c>.
/// Defaults follow the real client: timeouts 5000 ms, asyncTimeout = syncTimeout unless set, abortConnect true.
/// </summary>
public sealed class ConfigurationOptions
{
    private int? _asyncTimeout;

    public EndPointCollection EndPoints { get; init; } = [];
    public string? User { get; set; }
    public string? Password { get; set; }
    public string? ClientName { get; set; }
    public int? DefaultDatabase { get; set; }
    public bool AbortOnConnectFail { get; set; } = true;
    public int ConnectTimeout { get; set; } = 5000;
    public int SyncTimeout { get; set; } = 5000;
    public int AsyncTimeout { get => _asyncTimeout ?? SyncTimeout; set => _asyncTimeout = value; }
    public int ConnectRetry { get; set; } = 3;
    public bool Ssl { get; set; }
    public bool AllowAdmin { get; set; }

    /// <summary>Where connect, disconnect and reconnect events are logged (never the password).</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    public static ConfigurationOptions Parse(string configuration) => Parse(configuration, ignoreUnknown: true);

    public static ConfigurationOptions Parse(string configuration, bool ignoreUnknown)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configuration);
        var options = new ConfigurationOptions();
        foreach (var raw in configuration.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = raw.IndexOf('=');
            if (eq < 0)
            {
                options.EndPoints.Add(raw);
                continue;
            }
            var key = raw[..eq].Trim();
            var value = raw[(eq + 1)..].Trim();
            switch (key.ToLowerInvariant())
            {
                case "password": options.Password = value; break;
                case "user": options.User = value; break;
                case "name": options.ClientName = value; break;
                case "defaultdatabase": options.DefaultDatabase = ParseInt(key, value); break;
                case "abortconnect": options.AbortOnConnectFail = ParseBool(key, value); break;
                case "connecttimeout": options.ConnectTimeout = ParseInt(key, value); break;
                case "synctimeout": options.SyncTimeout = ParseInt(key, value); break;
                case "asynctimeout": options.AsyncTimeout = ParseInt(key, value); break;
                case "connectretry": options.ConnectRetry = ParseInt(key, value); break;
                case "ssl": options.Ssl = ParseBool(key, value); break;
                case "allowadmin": options.AllowAdmin = ParseBool(key, value); break;
                // Understood by the real client; irrelevant for one RESP2 connection.
                case "protocol" or "keepalive" or "resolvedns" or "tiebreaker" or "version" or "servicename":
                    break;
                default:
                    if (!ignoreUnknown) throw new ArgumentException($"Keyword '{key}' is not supported.", nameof(configuration));
                    break;
            }
        }
        return options;
    }

    public ConfigurationOptions Clone()
    {
        var endPoints = new EndPointCollection();
        foreach (var endPoint in EndPoints) endPoints.Add(endPoint);
        return new ConfigurationOptions
        {
            EndPoints = endPoints, User = User, Password = Password, ClientName = ClientName,
            DefaultDatabase = DefaultDatabase, AbortOnConnectFail = AbortOnConnectFail, ConnectTimeout = ConnectTimeout,
            SyncTimeout = SyncTimeout, _asyncTimeout = _asyncTimeout, ConnectRetry = ConnectRetry, Ssl = Ssl,
            AllowAdmin = AllowAdmin, LoggerFactory = LoggerFactory,
        };
    }

    /// <summary>The configuration string, with the password included (as the real client does).</summary>
    public override string ToString() => ToString(includePassword: true);

    public string ToString(bool includePassword)
    {
        var sb = new StringBuilder(string.Join(",", EndPoints.Select(EndPointCollection.Format)));
        void Add(string key, object? value)
        {
            if (value is not null) sb.Append(',').Append(key).Append('=').Append(Convert.ToString(value, CultureInfo.InvariantCulture));
        }
        Add("user", User);
        Add("password", Password is null ? null : includePassword ? Password : "*****");
        Add("name", ClientName);
        Add("defaultDatabase", DefaultDatabase);
        Add("abortConnect", AbortOnConnectFail ? "true" : "false");
        Add("connectTimeout", ConnectTimeout);
        Add("syncTimeout", SyncTimeout);
        Add("asyncTimeout", _asyncTimeout);
        return sb.ToString();
    }

    private static int ParseInt(string key, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0
            ? n
            : throw new ArgumentException($"Configuration keyword '{key}' expects a non-negative integer, got '{value}'.");

    private static bool ParseBool(string key, string value) =>
        bool.TryParse(value, out var b) ? b : throw new ArgumentException($"Configuration keyword '{key}' expects true or false, got '{value}'.");
}
