using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace JourneyOptimizer.Sms.Web.Infrastructure;

/// <summary>
/// The text writer Razor renders a page's answer into (docs/performance.md, seventh and eleventh rounds). MVC's own writer
/// copies every character into a buffer of 16 K characters, encodes each full buffer into a byte buffer and writes that
/// to the response stream, which copies it into the response's pipe and flushes it to the socket: a 73 KB list page took
/// five such writes. This writer keeps the characters and encodes them straight into the pipe's memory
/// (<see cref="HttpResponse.BodyWriter"/>), and sends only when asked to flush (MVC flushes once, at the end of a view)
/// or once more than <see cref="SendThreshold"/> characters and bytes are waiting. Same encoder, same bytes.
/// </summary>
/// <remarks>
/// Given the response, it keeps the page's characters until that flush, then starts the response and encodes them into
/// the pipe: bytes written to Kestrel's pipe before the response has started are held apart and copied once more when
/// it starts (2.3% of the channel list's time). Nothing is sent or committed earlier than before: a failing view still
/// gets its error page.
/// </remarks>
internal sealed class PipeResponseWriter : TextWriter
{
    /// <summary>Bytes waiting in the pipe after which an asynchronous write sends them.</summary>
    internal const int SendThreshold = 256 * 1024;

    // As many characters as MVC's writer buffers: a page starts its response (and can no longer be replaced by an error
    // page) at the same point as before.
    private const int BufferSize = 16 * 1024;

    // What is asked of the pipe at a time: Kestrel's pipe hands out memory in blocks of this size.
    private const int SpanSize = 4096;

    private readonly PipeWriter pipe;
    private readonly Encoding encoding;
    private readonly Encoder encoder;
    private readonly HttpResponse? response;
    private char[]? buffer = ArrayPool<char>.Shared.Rent(BufferSize);
    private int count;

    // Full buffers kept until the response starts (only with a response), and the characters they hold.
    private List<char[]>? kept;
    private int keptChars;

    // Bytes encoded into the pipe since it last sent: counted here, because asking the pipe costs a few interface calls
    // and Razor writes a page as thousands of small values.
    private long unsent;

    /// <param name="pipe">The response's pipe.</param>
    /// <param name="encoding">The page's encoding.</param>
    /// <param name="response">
    /// The response the pipe belongs to: the page's characters are then kept until the flush that starts it, and
    /// encoded into the pipe after. Without it they are encoded into the pipe as each buffer fills.
    /// </param>
    public PipeResponseWriter(PipeWriter pipe, Encoding encoding, HttpResponse? response = null)
    {
        ArgumentNullException.ThrowIfNull(pipe);
        ArgumentNullException.ThrowIfNull(encoding);
        this.pipe = pipe;
        this.encoding = encoding;
        this.response = response;
        encoder = encoding.GetEncoder();
    }

    public override Encoding Encoding => encoding;

    public override void Write(char value)
    {
        var chars = Chars();
        if (count == chars.Length)
        {
            chars = Spill();
        }

        chars[count++] = value;
    }

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(ReadOnlySpan<char> value)
    {
        var chars = Chars();
        if (value.Length <= chars.Length - count)
        {
            value.CopyTo(chars.AsSpan(count));
            count += value.Length;
            return;
        }

        if (!Keeping)
        {
            // Longer than the room left: what is buffered goes first, then the value itself, without copying it.
            Encode(flush: false);
            if (value.Length <= chars.Length)
            {
                value.CopyTo(chars);
                count = value.Length;
            }
            else
            {
                Encode(value, flush: false);
            }

            return;
        }

        while (!value.IsEmpty)
        {
            if (count == chars.Length)
            {
                chars = Spill();
            }

            var part = Math.Min(value.Length, chars.Length - count);
            value[..part].CopyTo(chars.AsSpan(count));
            count += part;
            value = value[part..];
        }
    }

    public override void WriteLine(ReadOnlySpan<char> value)
    {
        Write(value);
        Write(CoreNewLine);
    }

    // Every asynchronous write is a synchronous one into the buffer, then a send only past the threshold (TextWriter's
    // own versions would run the synchronous write on another thread).
    public override Task WriteAsync(char value)
    {
        Write(value);
        return SendIfLargeAsync(default);
    }

    public override Task WriteAsync(string? value) => WriteAsync(value.AsMemory());

    public override Task WriteAsync(char[] buffer, int index, int count) => WriteAsync(buffer.AsMemory(index, count));

    public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return SendIfLargeAsync(cancellationToken);
    }

    public override Task WriteLineAsync() => WriteAsync(CoreNewLine);

    public override Task WriteLineAsync(char value)
    {
        Write(value);
        return WriteAsync(CoreNewLine);
    }

    public override Task WriteLineAsync(string? value) => WriteLineAsync(value.AsMemory());

    public override Task WriteLineAsync(char[] buffer, int index, int count) => WriteLineAsync(buffer.AsMemory(index, count));

    public override Task WriteLineAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return WriteAsync(CoreNewLine, cancellationToken);
    }

    /// <summary>
    /// Encodes what is buffered into the pipe; sending is left to <see cref="FlushAsync()"/> or to the end of the
    /// response (a synchronous send would block a thread on the socket, which Kestrel forbids).
    /// </summary>
    public override void Flush()
    {
        if (buffer is not null)
        {
            EncodeKept();
            Encode(flush: true);
        }
    }

    public override Task FlushAsync() => FlushAsync(CancellationToken.None);

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (buffer is null)
        {
            return;
        }

        if (Keeping && (count > 0 || kept is not null))
        {
            // The page is complete (or large enough to send): start the response, so that its bytes go straight to
            // the connection's pipe. With nothing written (a view that failed before its first character) the
            // response is left unstarted, for the error page.
            await response!.StartAsync(cancellationToken);
        }

        EncodeKept();
        Encode(flush: true);
        if (unsent > 0)
        {
            unsent = 0;
            await pipe.FlushAsync(cancellationToken);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (buffer is not null)
        {
            await FlushAsync();
            Release();
        }

        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && buffer is not null)
        {
            Flush();
            Release();
        }

        base.Dispose(disposing);
    }

    private char[] Chars() => buffer ?? throw new ObjectDisposedException(nameof(PipeResponseWriter));

    private void Release()
    {
        var chars = buffer;
        buffer = null;
        count = 0;
        if (chars is not null)
        {
            ArrayPool<char>.Shared.Return(chars);
        }

        if (kept is not null)
        {
            foreach (var full in kept)
            {
                ArrayPool<char>.Shared.Return(full);
            }

            kept = null;
            keptChars = 0;
        }
    }

    // True while the page's characters are kept for after the response starts: nothing encoded into the pipe yet.
    private bool Keeping => response is { HasStarted: false } && unsent == 0;

    // The buffer is full: kept, with a new one to go on with, or encoded into the pipe.
    private char[] Spill()
    {
        if (!Keeping)
        {
            Encode(flush: false);
            return buffer!;
        }

        (kept ??= []).Add(buffer!);
        keptChars += count;
        buffer = ArrayPool<char>.Shared.Rent(BufferSize);
        count = 0;
        return buffer;
    }

    private void EncodeKept()
    {
        if (kept is null)
        {
            return;
        }

        foreach (var full in kept)
        {
            Encode(full, flush: false);
            ArrayPool<char>.Shared.Return(full);
        }

        kept = null;
        keptChars = 0;
    }

    private Task SendIfLargeAsync(CancellationToken cancellationToken)
    {
        if (unsent + keptChars + count < SendThreshold)
        {
            return Task.CompletedTask;
        }

        return FlushAsync(cancellationToken);
    }

    private void Encode(bool flush)
    {
        Encode(buffer.AsSpan(0, count), flush);
        count = 0;
    }

    private void Encode(ReadOnlySpan<char> chars, bool flush)
    {
        // A character takes at most 3 bytes (a surrogate pair 4 for 2 chars), so the size hint always leaves room for
        // at least one; the encoder keeps a high surrogate at the end of one write for the next.
        do
        {
            var bytes = pipe.GetSpan(Math.Min((chars.Length + 1) * 3, SpanSize));
            encoder.Convert(chars, bytes, flush, out var charsUsed, out var bytesUsed, out _);
            pipe.Advance(bytesUsed);
            unsent += bytesUsed;
            chars = chars[charsUsed..];
        }
        while (!chars.IsEmpty);
    }
}

/// <summary>
/// Gives Razor a <see cref="PipeResponseWriter"/> over the response's pipe when asked for a UTF-8 writer over the
/// response's own body; anything else (another stream, another encoding) gets MVC's writer.
/// </summary>
internal sealed class PipeResponseWriterFactory(IHttpContextAccessor contextAccessor) : IHttpResponseStreamWriterFactory
{
    /// <summary>The buffer size of MVC's own factory.</summary>
    private const int FallbackBufferSize = 16 * 1024;

    public TextWriter CreateWriter(Stream stream, Encoding encoding)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(encoding);
        var response = contextAccessor.HttpContext?.Response;
        return response is not null && ReferenceEquals(response.Body, stream) && encoding.CodePage == Encoding.UTF8.CodePage
            ? new PipeResponseWriter(response.BodyWriter, encoding, response)
            : new HttpResponseStreamWriter(stream, encoding, FallbackBufferSize, ArrayPool<byte>.Shared, ArrayPool<char>.Shared);
    }
}
