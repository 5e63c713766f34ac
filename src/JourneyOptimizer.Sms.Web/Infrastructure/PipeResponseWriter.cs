using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace JourneyOptimizer.Sms.Web.Infrastructure;

/// <summary>
/// The text writer Razor renders a page's answer into (docs/performance.md, seventh round). MVC's own writer copies every
/// character into a buffer of 16 K characters, encodes each full buffer into a byte buffer and writes that to the
/// response stream, which copies it into the response's pipe and flushes it to the socket: a 73 KB list page took five
/// such writes. This writer keeps the same character buffer but encodes it straight into the pipe's memory
/// (<see cref="HttpResponse.BodyWriter"/>), and sends only when asked to flush (MVC flushes once, at the end of a view)
/// or once more than <see cref="SendThreshold"/> bytes are waiting. Same encoder, same bytes.
/// </summary>
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
    private char[]? buffer = ArrayPool<char>.Shared.Rent(BufferSize);
    private int count;

    // Bytes encoded into the pipe since it last sent: counted here, because asking the pipe costs a few interface calls
    // and Razor writes a page as thousands of small values.
    private long unsent;

    public PipeResponseWriter(PipeWriter pipe, Encoding encoding)
    {
        ArgumentNullException.ThrowIfNull(pipe);
        ArgumentNullException.ThrowIfNull(encoding);
        this.pipe = pipe;
        this.encoding = encoding;
        encoder = encoding.GetEncoder();
    }

    public override Encoding Encoding => encoding;

    public override void Write(char value)
    {
        var chars = Chars();
        if (count == chars.Length)
        {
            Encode(flush: false);
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
    }

    private Task SendIfLargeAsync(CancellationToken cancellationToken)
    {
        if (unsent + count < SendThreshold)
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
            ? new PipeResponseWriter(response.BodyWriter, encoding)
            : new HttpResponseStreamWriter(stream, encoding, FallbackBufferSize, ArrayPool<byte>.Shared, ArrayPool<char>.Shared);
    }
}
