using System.Buffers;
using System.Net.WebSockets;

namespace Herald.Listening.Sources.Bluesky;

/// <summary>Where the last handled sequence number of an event stream is kept, so a restart resumes without loss.</summary>
internal interface IStreamCursor
{
    Task<long?> LoadAsync(string stream, CancellationToken ct);

    Task SaveAsync(string stream, long seq, CancellationToken ct);
}

/// <summary>Reads com.atproto.sync.subscribeRepos over WebSocket, from the saved cursor; each frame is handled once, in order.</summary>
/// <remarks>The cursor is saved after the frame's handler returns, and frames at or below it are skipped, so a disconnect
/// (or a crash) at any point neither loses a post nor hands one over twice.</remarks>
internal sealed class FirehoseSubscriber(Uri service, IStreamCursor cursor, Func<FirehoseFrame, CancellationToken, Task> handle, ILogger logger)
{
    private const int MaxFrame = 8 << 20;
    private readonly string _stream = "bluesky:" + service.GetLeftPart(UriPartial.Authority);
    private long? _last;

    /// <summary>Connects and reconnects (with backoff) until cancelled.</summary>
    public async Task RunAsync(TimeProvider time, CancellationToken ct)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(ct);
                delay = TimeSpan.FromSeconds(1);
            }
            catch (Exception e) when (e is WebSocketException or IOException or System.Formats.Cbor.CborContentException or HttpRequestException)
            {
                logger.LogWarning("Bluesky event stream {Service}: {Error}; reconnecting in {Delay}", service, e.Message, delay);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            await Task.Delay(delay, time, ct).ContinueWith(_ => { }, TaskScheduler.Default);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMinutes(2).Ticks));
        }
    }

    /// <summary>One connection, until the server closes it or <paramref name="ct"/> is cancelled.</summary>
    public async Task RunOnceAsync(CancellationToken ct)
    {
        _last ??= await cursor.LoadAsync(_stream, ct);
        var scheme = service.Scheme == "https" ? "wss" : "ws";
        var url = $"{scheme}://{service.Authority}/xrpc/com.atproto.sync.subscribeRepos" + (_last is { } c ? $"?cursor={c}" : "");
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(url), ct);
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        while (socket.State == WebSocketState.Open)
        {
            buffer.ResetWrittenCount();
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer.GetMemory(16 * 1024), ct);
                buffer.Advance(result.Count);
                if (buffer.WrittenCount > MaxFrame)
                {
                    throw new WebSocketException("frame too large");
                }
            }
            while (!result.EndOfMessage);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }
            var frame = FirehoseFrame.Decode(buffer.WrittenMemory);
            if (frame.Error is not null)
            {
                throw new WebSocketException(frame.Error); // e.g. FutureCursor, ConsumerTooSlow: reconnect from the cursor
            }
            if (frame.Seq is not { } seq || seq <= _last)
            {
                continue;
            }
            await handle(frame, ct);
            _last = seq;
            await cursor.SaveAsync(_stream, seq, ct);
        }
    }
}
