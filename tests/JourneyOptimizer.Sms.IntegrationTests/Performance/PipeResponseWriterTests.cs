using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Performance;

/// <summary>
/// <see cref="PipeResponseWriter"/> is what every page is written through: it must produce exactly the bytes MVC's own
/// writer would (UTF-8, characters split across writes included), send nothing before a flush but what it must, and
/// <see cref="PipeResponseWriterFactory"/> must use it only over the response's own body.
/// </summary>
public sealed class PipeResponseWriterTests
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // The tests read only after writing: a pipe that never makes the writer wait.
    internal static Pipe NewPipe() => new(new PipeOptions(pauseWriterThreshold: 0, resumeWriterThreshold: 0));

    private static async Task<byte[]> ReadAllAsync(Pipe pipe)
    {
        await pipe.Writer.CompleteAsync();
        using var bytes = new MemoryStream();
        await pipe.Reader.CopyToAsync(bytes);
        return bytes.ToArray();
    }

    internal static bool HasSent(Pipe pipe)
    {
        if (!pipe.Reader.TryRead(out var result))
        {
            return false;
        }

        pipe.Reader.AdvanceTo(result.Buffer.Start);
        return !result.Buffer.IsEmpty;
    }

    [Fact]
    public async Task Writes_of_every_kind_give_the_UTF8_of_the_text()
    {
        // Chinese, Portuguese, an emoji (a surrogate pair) split between two writes, markup, and a value longer than
        // the writer's buffer, through each overload Razor and the framework call.
        var longText = string.Concat(Enumerable.Repeat("渠道配置 Ação <td>&#x2B;14155550100</td> ", 400));
        var pipe = NewPipe();
        var expected = new StringBuilder();
        await using (var writer = new PipeResponseWriter(pipe.Writer, Encoding.UTF8))
        {
            void Both(string text, Action<PipeResponseWriter> write)
            {
                write(writer);
                expected.Append(text);
            }

            Both("<!DOCTYPE html>", w => w.Write("<!DOCTYPE html>"));
            Both("é", w => w.Write('é'));
            Both("\uD83D", w => w.Write('\uD83D'));
            Both("\uDE00 after", w => w.Write("\uDE00 after".ToCharArray(), 0, 7));
            Both(longText, w => w.Write(longText));
            Both("状态", w => w.Write("状态".AsSpan()));
            Both("line" + writer.NewLine, w => w.WriteLine("line".AsSpan()));
            await writer.WriteAsync("async 异步");
            expected.Append("async 异步");
            await writer.WriteAsync('!');
            expected.Append('!');
            await writer.WriteAsync("xyz".ToCharArray(), 1, 2);
            expected.Append("yz");
            await writer.WriteAsync("memory".AsMemory());
            expected.Append("memory");
            await writer.WriteLineAsync("done");
            expected.Append("done").Append(writer.NewLine);
        }

        Assert.Equal(Utf8.GetBytes(expected.ToString()), await ReadAllAsync(pipe));
    }

    [Fact]
    public async Task Gives_the_same_bytes_as_MVCs_writer()
    {
        var text = string.Concat(Enumerable.Range(0, 3000).Select(i => i % 7 == 0 ? "“Ação” 渠道 😀 " : "<tr><td>row</td></tr>\n"));
        var pipe = NewPipe();
        await using (var writer = new PipeResponseWriter(pipe.Writer, Encoding.UTF8))
        {
            foreach (var piece in text.Chunk(37))
            {
                await writer.WriteAsync(piece, 0, piece.Length);
            }
        }

        using var stream = new MemoryStream();
        await using (var mvc = new HttpResponseStreamWriter(stream, Encoding.UTF8, 16 * 1024, ArrayPool<byte>.Shared, ArrayPool<char>.Shared))
        {
            foreach (var piece in text.Chunk(37))
            {
                await mvc.WriteAsync(piece, 0, piece.Length);
            }
        }

        Assert.Equal(stream.ToArray(), await ReadAllAsync(pipe));
    }

    [Fact]
    public async Task Sends_nothing_until_flushed_asynchronously()
    {
        var pipe = NewPipe();
        var writer = new PipeResponseWriter(pipe.Writer, Encoding.UTF8);
        await writer.WriteAsync(new string('x', 20_000));
        writer.Flush();

        // Encoded into the pipe (a synchronous flush cannot wait for the socket) but not sent.
        Assert.False(HasSent(pipe));
        Assert.Equal(20_000, pipe.Writer.UnflushedBytes);

        await writer.FlushAsync();
        Assert.True(HasSent(pipe));
        await writer.DisposeAsync();
    }

    [Fact]
    public async Task Nothing_reaches_the_pipe_before_as_many_characters_as_MVCs_writer_buffers()
    {
        // Writing into the pipe starts the response; until then an error page can still replace the page, as with
        // MVC's writer, which buffers 16 K characters.
        var pipe = NewPipe();
        var writer = new PipeResponseWriter(pipe.Writer, Encoding.UTF8);
        await writer.WriteAsync(new string('a', 16 * 1024));
        Assert.Equal(0, pipe.Writer.UnflushedBytes);

        await writer.WriteAsync("b");
        Assert.Equal(16 * 1024, pipe.Writer.UnflushedBytes);
        await writer.DisposeAsync();
    }

    [Fact]
    public async Task An_asynchronous_write_sends_once_enough_is_waiting()
    {
        var pipe = NewPipe();
        var writer = new PipeResponseWriter(pipe.Writer, Encoding.UTF8);
        var chunk = new string('y', 1000);
        var writes = 0;
        while (!HasSent(pipe))
        {
            await writer.WriteAsync(chunk);
            writes++;
            Assert.True(writes * chunk.Length <= PipeResponseWriter.SendThreshold + chunk.Length, "never sent");
        }

        Assert.True(writes * chunk.Length >= PipeResponseWriter.SendThreshold, $"sent after {writes} writes");
        await writer.DisposeAsync();
    }

    /// <summary>A response body over a test pipe that records when it was started.</summary>
    private sealed class StartableBody(PipeWriter writer) : HttpResponseFeature, IHttpResponseBodyFeature
    {
        private bool started;

        /// <summary>Bytes in the pipe when the response started (none, if the page was kept until then).</summary>
        public long? UnflushedAtStart { get; private set; }

        public override bool HasStarted => started;

        public PipeWriter Writer => writer;

        Stream IHttpResponseBodyFeature.Stream => writer.AsStream();

        public Task StartAsync(CancellationToken cancellationToken = default)
        {
            UnflushedAtStart ??= writer.UnflushedBytes;
            started = true;
            return Task.CompletedTask;
        }

        public void DisableBuffering()
        {
        }

        public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task CompleteAsync() => writer.CompleteAsync().AsTask();
    }

    private static (DefaultHttpContext Context, StartableBody Body) NewResponse(Pipe pipe)
    {
        var body = new StartableBody(pipe.Writer);
        var context = new DefaultHttpContext();
        context.Features.Set<IHttpResponseFeature>(body);
        context.Features.Set<IHttpResponseBodyFeature>(body);
        return (context, body);
    }

    [Fact]
    public async Task Given_the_response_it_keeps_the_page_until_the_flush_that_starts_it()
    {
        // More than one buffer of text, in writes of every size, then MVC's flush at the end of the view.
        var pipe = NewPipe();
        var (context, body) = NewResponse(pipe);
        var text = string.Concat(Enumerable.Repeat("渠道配置 <td>Ação</td> ", 2500));
        var writer = new PipeResponseWriter(pipe.Writer, Utf8, context.Response);
        await writer.WriteAsync(text);
        writer.Write('x');
        writer.Write(text.AsSpan(0, 20_000));
        await writer.WriteLineAsync("😀");

        Assert.False(body.HasStarted);
        Assert.Equal(0, pipe.Writer.UnflushedBytes);

        await writer.FlushAsync();
        Assert.True(body.HasStarted);
        Assert.Equal(0, body.UnflushedAtStart);
        Assert.True(HasSent(pipe));
        await writer.DisposeAsync();
        Assert.Equal(Utf8.GetBytes(text + "x" + text[..20_000] + "😀" + Environment.NewLine), await ReadAllAsync(pipe));
    }

    [Fact]
    public async Task Given_the_response_a_view_that_wrote_nothing_leaves_it_unstarted_and_a_large_one_starts_it_once_enough_is_waiting()
    {
        var pipe = NewPipe();
        var (context, body) = NewResponse(pipe);
        await new PipeResponseWriter(pipe.Writer, Utf8, context.Response).DisposeAsync();
        Assert.False(body.HasStarted);

        var writer = new PipeResponseWriter(pipe.Writer, Utf8, context.Response);
        var chunk = new string('y', 1000);
        var writes = 0;
        while (!body.HasStarted)
        {
            await writer.WriteAsync(chunk);
            writes++;
            Assert.True(writes * chunk.Length <= PipeResponseWriter.SendThreshold + chunk.Length, "never started");
        }

        Assert.True(writes * chunk.Length >= PipeResponseWriter.SendThreshold, $"started after {writes} writes");
        Assert.True(HasSent(pipe));
        await writer.DisposeAsync();
        Assert.Equal(writes * chunk.Length, (await ReadAllAsync(pipe)).Length);
    }

    [Fact]
    public async Task A_disposed_writer_refuses_writes()
    {
        var pipe = NewPipe();
        var writer = new PipeResponseWriter(pipe.Writer, Encoding.UTF8);
        await writer.DisposeAsync();
        Assert.Throws<ObjectDisposedException>(() => writer.Write("late"));
    }

    [Fact]
    public void The_factory_writes_into_the_pipe_only_for_the_responses_own_body_in_UTF8()
    {
        var context = new DefaultHttpContext();
        var accessor = new HttpContextAccessor { HttpContext = context };
        var factory = new PipeResponseWriterFactory(accessor);

        Assert.IsType<PipeResponseWriter>(factory.CreateWriter(context.Response.Body, Encoding.UTF8));
        Assert.IsType<HttpResponseStreamWriter>(factory.CreateWriter(new MemoryStream(), Encoding.UTF8));
        Assert.IsType<HttpResponseStreamWriter>(factory.CreateWriter(context.Response.Body, Encoding.Unicode));

        // Outside a request (the accessor's context is shared by every instance in this flow, so it is cleared).
        accessor.HttpContext = null;
        Assert.IsType<HttpResponseStreamWriter>(factory.CreateWriter(context.Response.Body, Encoding.UTF8));
    }

    [Fact]
    public async Task The_portal_renders_its_pages_through_it()
    {
        await using var portal = new PortalFactory();
        Assert.IsType<PipeResponseWriterFactory>(portal.Services.GetRequiredService<IHttpResponseStreamWriterFactory>());
    }
}
