namespace StackExchange.Redis;

/// <summary>Why a connection could not be used.</summary>
public enum ConnectionFailureType
{
    None,
    UnableToResolvePhysicalConnection,
    SocketFailure,
    AuthenticationFailure,
    ProtocolFailure,
    InternalFailure,
    SocketClosed,
    ConnectionDisposed,
    UnableToConnect,
}

/// <summary>Where a command was when it failed.</summary>
public enum CommandStatus
{
    Unknown,
    WaitingToBeSent,
    Sent,
}

/// <summary>Base of every error this client raises.</summary>
public class RedisException(string message, Exception? innerException = null) : Exception(message, innerException);

/// <summary>The server answered with an error reply (for example WRONGTYPE or a Lua error).</summary>
public sealed class RedisServerException(string message) : RedisException(message);

/// <summary>No usable connection: the server is down, unreachable, or rejected our credentials.</summary>
public sealed class RedisConnectionException(ConnectionFailureType failureType, string message, Exception? innerException = null)
    : RedisException(message, innerException)
{
    public ConnectionFailureType FailureType { get; } = failureType;
}

/// <summary>The command did not get its reply within the configured asyncTimeout.</summary>
public sealed class RedisTimeoutException(string message, CommandStatus commandStatus) : TimeoutException(message)
{
    public CommandStatus Commandstatus { get; } = commandStatus;
}
