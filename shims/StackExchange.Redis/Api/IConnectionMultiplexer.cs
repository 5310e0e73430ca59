using System.Net;

namespace StackExchange.Redis;

/// <summary>The shared, long-lived connection to Redis. Register one per application.</summary>
public interface IConnectionMultiplexer : IDisposable, IAsyncDisposable
{
    string ClientName { get; }
    string Configuration { get; }
    bool IsConnected { get; }
    int TimeoutMilliseconds { get; }

    event EventHandler<ConnectionFailedEventArgs>? ConnectionFailed;
    event EventHandler<ConnectionFailedEventArgs>? ConnectionRestored;

    IDatabase GetDatabase(int db = -1, object? asyncState = null);
    EndPoint[] GetEndPoints(bool configuredOnly = false);
    Task CloseAsync(bool allowCommandsToComplete = true);
    void Close(bool allowCommandsToComplete = true);
}

public sealed class ConnectionFailedEventArgs(EndPoint? endPoint, ConnectionFailureType failureType, Exception? exception) : EventArgs
{
    public EndPoint? EndPoint { get; } = endPoint;
    public ConnectionFailureType FailureType { get; } = failureType;
    public Exception? Exception { get; } = exception;
}
