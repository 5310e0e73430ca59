using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis.Connection;

namespace StackExchange.Redis;

/// <summary>
/// One pipelined connection to one Redis server, shared by every caller, that heals itself.
/// When the connection drops, commands already sent fail with <see cref="RedisConnectionException"/>
/// and a background loop reconnects with exponential backoff (50 ms doubling to 2 s). A command
/// issued while disconnected waits for the reconnection, but never longer than asyncTimeout in
/// total: it then fails with <see cref="RedisConnectionException"/> carrying the last connect error.
/// </summary>
public sealed class ConnectionMultiplexer : IConnectionMultiplexer
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(2);

    private readonly ConfigurationOptions _options;
    private readonly EndPoint _endPoint;
    private readonly string _endPointName;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _disposed = new();
    private readonly Lock _gate = new();
    private PhysicalConnection? _connection;
    private TaskCompletionSource<PhysicalConnection> _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Exception? _lastConnectError;

    private ConnectionMultiplexer(ConfigurationOptions options)
    {
        if (options.EndPoints.Count == 0) throw new ArgumentException("No endpoint given in the Redis configuration.", nameof(options));
        if (options.Ssl) throw new NotSupportedException("ssl=true is not supported by the StackExchange.Redis substitute.");
        _options = options;
        _endPoint = options.EndPoints[0];
        _endPointName = EndPointCollection.Format(_endPoint);
        _logger = options.LoggerFactory?.CreateLogger<ConnectionMultiplexer>() ?? NullLogger<ConnectionMultiplexer>.Instance;
    }

    public event EventHandler<ConnectionFailedEventArgs>? ConnectionFailed;
    public event EventHandler<ConnectionFailedEventArgs>? ConnectionRestored;

    public string ClientName => _options.ClientName ?? "";
    public string Configuration => _options.ToString(includePassword: false);
    public bool IsConnected => Volatile.Read(ref _connection)?.IsAlive == true;
    public int TimeoutMilliseconds => _options.AsyncTimeout;

    /// <summary>SHA1 of each script text seen, so EVALSHA needs no hashing on the hot path.</summary>
    internal ConcurrentDictionary<string, string> ScriptHashes { get; } = new(StringComparer.Ordinal);

    public static ConnectionMultiplexer Connect(string configuration, TextWriter? log = null) =>
        Connect(ConfigurationOptions.Parse(configuration), log);

    public static ConnectionMultiplexer Connect(ConfigurationOptions configuration, TextWriter? log = null) =>
        ConnectAsync(configuration, log).GetAwaiter().GetResult();

    public static Task<ConnectionMultiplexer> ConnectAsync(string configuration, TextWriter? log = null) =>
        ConnectAsync(ConfigurationOptions.Parse(configuration), log);

    /// <summary>
    /// Connects (AUTH, then a PING to prove the session works). With abortConnect=true a failure
    /// throws; with abortConnect=false (Aspire's default) the multiplexer is returned anyway and
    /// keeps reconnecting in the background.
    /// </summary>
    public static async Task<ConnectionMultiplexer> ConnectAsync(ConfigurationOptions configuration, TextWriter? log = null)
    {
        var multiplexer = new ConnectionMultiplexer(configuration.Clone());
        var attempts = configuration.AbortOnConnectFail ? Math.Max(1, configuration.ConnectRetry) : 1;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await multiplexer.ConnectOnceAsync();
                log?.WriteLine($"Connected to {multiplexer._endPointName}");
                return multiplexer;
            }
            catch (RedisConnectionException ex) when (!configuration.AbortOnConnectFail)
            {
                log?.WriteLine($"Connecting to {multiplexer._endPointName} failed, retrying in the background: {ex.Message}");
                multiplexer.StartReconnecting(ex);
                return multiplexer;
            }
            catch (RedisConnectionException ex) when (attempt < attempts && ex.FailureType != ConnectionFailureType.AuthenticationFailure)
            {
                log?.WriteLine($"Connecting to {multiplexer._endPointName} failed (attempt {attempt}): {ex.Message}");
            }
            catch
            {
                await multiplexer.DisposeAsync();
                throw;
            }
        }
    }

    public IDatabase GetDatabase(int db = -1, object? asyncState = null) =>
        new RedisDatabase(this, db >= 0 ? db : _options.DefaultDatabase ?? 0);

    public EndPoint[] GetEndPoints(bool configuredOnly = false) => [.. _options.EndPoints];

    /// <summary>Sends a command, waiting for a connection if needed; the whole wait is bounded by asyncTimeout.</summary>
    internal async Task<RedisResult> ExecuteAsync(PendingCommand command)
    {
        var timeout = TimeSpan.FromMilliseconds(_options.AsyncTimeout);
        var started = TimeProvider.System.GetTimestamp();
        var connection = Volatile.Read(ref _connection);
        if (connection is null || !connection.IsAlive)
        {
            ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
            Task<PhysicalConnection> reconnected;
            lock (_gate) reconnected = _connected.Task;
            try
            {
                connection = await reconnected.WaitAsync(timeout, _disposed.Token);
            }
            catch (TimeoutException)
            {
                var last = Volatile.Read(ref _lastConnectError);
                throw new RedisConnectionException(
                    (last as RedisConnectionException)?.FailureType ?? ConnectionFailureType.UnableToConnect,
                    $"No connection to {_endPointName} is available to service {command.Name} (waited {timeout.TotalMilliseconds:0} ms)" +
                    (last is null ? "." : $"; last error: {last.Message}"), last);
            }
        }

        var remaining = timeout - TimeProvider.System.GetElapsedTime(started);
        try
        {
            return await connection.SendAsync(command).WaitAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.FromMilliseconds(1));
        }
        catch (TimeoutException)
        {
            // The reply, when it comes, still lands on this command in the FIFO and is dropped, so the stream stays in step.
            throw new RedisTimeoutException(
                $"Timeout awaiting response (command={command.Name}, timeout={timeout.TotalMilliseconds:0} ms, sent={command.Sent}) from {_endPointName}.",
                command.Sent ? CommandStatus.Sent : CommandStatus.WaitingToBeSent);
        }
    }

    private async Task ConnectOnceAsync()
    {
        var connectTimeout = TimeSpan.FromMilliseconds(_options.ConnectTimeout);
        var connection = await PhysicalConnection.OpenAsync(_endPoint, connectTimeout, _disposed.Token);
        try
        {
            if (_options.Password is { } password)
            {
                RedisValue[] auth = _options.User is { } user ? [user, password] : [password];
                await HandshakeAsync(connection, "AUTH", auth, connectTimeout);
            }
            if (!string.IsNullOrEmpty(_options.ClientName))
                await HandshakeAsync(connection, "CLIENT", ["SETNAME", _options.ClientName], connectTimeout);
            // Without a password configured this is where a protected server answers NOAUTH.
            await HandshakeAsync(connection, "PING", [], connectTimeout);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        Publish(connection);
    }

    private async Task HandshakeAsync(PhysicalConnection connection, string name, RedisValue[] args, TimeSpan timeout)
    {
        try
        {
            await connection.SendAsync(PendingCommand.Create(name, args)).WaitAsync(timeout);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("WRONGPASS", StringComparison.Ordinal)
            || ex.Message.StartsWith("NOAUTH", StringComparison.Ordinal)
            || ex.Message.Contains("invalid password", StringComparison.OrdinalIgnoreCase)
            || ex.Message.Contains("AUTH", StringComparison.Ordinal))
        {
            throw new RedisConnectionException(ConnectionFailureType.AuthenticationFailure,
                $"Authentication with {_endPointName} failed: {ex.Message}", ex);
        }
        catch (TimeoutException ex)
        {
            throw new RedisConnectionException(ConnectionFailureType.UnableToConnect,
                $"{name} during connect to {_endPointName} got no reply within {timeout.TotalMilliseconds:0} ms.", ex);
        }
    }

    private void Publish(PhysicalConnection connection)
    {
        lock (_gate)
        {
            if (_disposed.IsCancellationRequested)
            {
                _ = connection.DisposeAsync();
                return;
            }
            _connection = connection;
            _connected.TrySetResult(connection);
        }
        _logger.LogInformation("Connected to Redis at {EndPoint}", _endPointName);
        _ = connection.Closed.ContinueWith(t => OnClosed(connection, t.Result), TaskScheduler.Default);
    }

    private void OnClosed(PhysicalConnection connection, Exception reason)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(_connection, connection) || _disposed.IsCancellationRequested) return;
            _connection = null;
            _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        _logger.LogWarning("Lost the Redis connection to {EndPoint}: {Reason}; reconnecting", _endPointName, reason.Message);
        StartReconnecting(reason);
    }

    private void StartReconnecting(Exception reason)
    {
        Volatile.Write(ref _lastConnectError, reason);
        ConnectionFailed?.Invoke(this, new ConnectionFailedEventArgs(_endPoint,
            (reason as RedisConnectionException)?.FailureType ?? ConnectionFailureType.SocketFailure, reason));
        _ = Task.Run(ReconnectLoopAsync);
    }

    private async Task ReconnectLoopAsync()
    {
        var delay = FirstRetryDelay;
        for (var attempt = 1; !_disposed.IsCancellationRequested; attempt++)
        {
            try
            {
                // Jitter so many app instances don't stampede a server that just came back.
                await Task.Delay(delay + TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)(delay.TotalMilliseconds / 2) + 1)), _disposed.Token);
                await ConnectOnceAsync();
                Volatile.Write(ref _lastConnectError, null);
                ConnectionRestored?.Invoke(this, new ConnectionFailedEventArgs(_endPoint, ConnectionFailureType.None, null));
                return;
            }
            catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Volatile.Write(ref _lastConnectError, ex);
                _logger.LogDebug("Reconnect attempt {Attempt} to {EndPoint} failed: {Error}", attempt, _endPointName, ex.Message);
                if (attempt == 5) _logger.LogWarning("Still unable to reconnect to Redis at {EndPoint}: {Error}", _endPointName, ex.Message);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }
    }

    public Task CloseAsync(bool allowCommandsToComplete = true) => DisposeAsync().AsTask();

    public void Close(bool allowCommandsToComplete = true) => Dispose();

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        PhysicalConnection? connection;
        lock (_gate)
        {
            if (_disposed.IsCancellationRequested) return;
            _disposed.Cancel();
            connection = _connection;
            _connection = null;
            _connected.TrySetException(new ObjectDisposedException(nameof(ConnectionMultiplexer)));
        }
        if (connection is not null) await connection.DisposeAsync();
    }

    public override string ToString() => _endPointName;
}
