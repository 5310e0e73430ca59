using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using StackExchange.Redis.Protocol;

namespace StackExchange.Redis.Connection;

/// <summary>
/// One socket shared by every caller. Commands go through a channel to a single writer loop that
/// writes them back-to-back and flushes only when the channel is momentarily empty (so concurrent
/// callers are pipelined into few syscalls); the writer records each sent command in a FIFO, and
/// a single reader loop matches replies to that FIFO in order. When either loop fails, every
/// command not yet answered fails with <see cref="RedisConnectionException"/> and
/// <see cref="Closed"/> completes so the multiplexer can reconnect.
/// </summary>
internal sealed class PhysicalConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly Channel<PendingCommand> _outbox = Channel.CreateUnbounded<PendingCommand>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });
    private readonly Queue<PendingCommand> _awaitingReply = new();
    private readonly TaskCompletionSource<Exception> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _endPoint;
    private Exception? _failure;
    private int _selectedDatabase; // only touched by the writer loop

    private PhysicalConnection(Socket socket, string endPoint)
    {
        _socket = socket;
        _endPoint = endPoint;
        var stream = new NetworkStream(socket, ownsSocket: true);
        _input = PipeReader.Create(stream);
        _output = PipeWriter.Create(stream);
    }

    /// <summary>Completes with the reason once the connection is unusable.</summary>
    public Task<Exception> Closed => _closed.Task;

    public bool IsAlive => Volatile.Read(ref _failure) is null;

    public static async Task<PhysicalConnection> OpenAsync(EndPoint endPoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(timeout);
            await socket.ConnectAsync(endPoint, cts.Token);
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        }
        catch (Exception ex)
        {
            socket.Dispose();
            var name = EndPointCollection.Format(endPoint);
            throw ex is OperationCanceledException && !cancellationToken.IsCancellationRequested
                ? new RedisConnectionException(ConnectionFailureType.UnableToConnect, $"Connecting to {name} timed out after {timeout.TotalMilliseconds:0} ms.", ex)
                : new RedisConnectionException(ConnectionFailureType.UnableToConnect, $"Unable to connect to {name}: {ex.Message}", ex);
        }
        var connection = new PhysicalConnection(socket, EndPointCollection.Format(endPoint));
        _ = connection.WriteLoopAsync();
        _ = connection.ReadLoopAsync();
        return connection;
    }

    public Task<RedisResult> SendAsync(PendingCommand command)
    {
        if (!_outbox.Writer.TryWrite(command)) command.Fail(DeadConnectionError());
        return command.Reply;
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            while (await _outbox.Reader.WaitToReadAsync())
            {
                while (_outbox.Reader.TryRead(out var command))
                {
                    if (command.Database >= 0 && command.Database != _selectedDatabase)
                    {
                        // Several logical databases share the socket: switch just before the command that needs it.
                        var select = PendingCommand.Create("SELECT", [command.Database]);
                        _ = select.Reply.ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
                        if (!Enqueue(select)) { command.Fail(DeadConnectionError()); continue; }
                        _selectedDatabase = command.Database;
                    }
                    if (!Enqueue(command)) command.Fail(DeadConnectionError());
                }
                if (IsAlive && (await _output.FlushAsync()).IsCanceled) break;
            }
        }
        catch (Exception ex)
        {
            Fail(new RedisConnectionException(ConnectionFailureType.SocketFailure, $"Writing to {_endPoint} failed: {ex.Message}", ex));
        }
        // Drain whatever callers queued after the failure so none of them waits for a timeout.
        while (_outbox.Reader.TryRead(out var late)) late.Fail(DeadConnectionError());
    }

    private bool Enqueue(PendingCommand command)
    {
        lock (_awaitingReply)
        {
            if (!IsAlive) return false;
            _awaitingReply.Enqueue(command);
        }
        RespWriter.WriteCommand(_output, command.Parts);
        command.Sent = true;
        return true;
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                var read = await _input.ReadAsync();
                var buffer = read.Buffer;
                while (RespReader.TryRead(ref buffer, out var reply))
                {
                    PendingCommand? command;
                    lock (_awaitingReply) _awaitingReply.TryDequeue(out command);
                    if (command is null)
                        throw new RedisConnectionException(ConnectionFailureType.ProtocolFailure, "Received a reply with no command waiting for it.");
                    command.Complete(reply);
                }
                _input.AdvanceTo(buffer.Start, buffer.End);
                if (read.IsCompleted || read.IsCanceled) break;
            }
            Fail(new RedisConnectionException(ConnectionFailureType.SocketClosed, $"The server {_endPoint} closed the connection."));
        }
        catch (Exception ex)
        {
            Fail(ex as RedisConnectionException
                ?? new RedisConnectionException(ConnectionFailureType.SocketFailure, $"Reading from {_endPoint} failed: {ex.Message}", ex));
        }
    }

    private void Fail(Exception reason)
    {
        if (Interlocked.CompareExchange(ref _failure, reason, null) is not null) return;
        _outbox.Writer.TryComplete();
        PendingCommand[] orphans;
        lock (_awaitingReply)
        {
            orphans = [.. _awaitingReply];
            _awaitingReply.Clear();
        }
        foreach (var command in orphans) command.Fail(DeadConnectionError());
        try { _socket.Shutdown(SocketShutdown.Both); } catch (Exception) { /* already gone */ }
        _socket.Dispose();
        _closed.TrySetResult(reason);
    }

    private RedisConnectionException DeadConnectionError()
    {
        var reason = Volatile.Read(ref _failure);
        return reason as RedisConnectionException ?? new RedisConnectionException(
            ConnectionFailureType.SocketClosed, $"The connection to {_endPoint} was closed.", reason);
    }

    // Closing the socket ends both loops; the pipes are not completed here because the loops may still be using them.
    public ValueTask DisposeAsync()
    {
        Fail(new RedisConnectionException(ConnectionFailureType.ConnectionDisposed, $"The connection to {_endPoint} was disposed."));
        return ValueTask.CompletedTask;
    }
}
