using Microsoft.AspNetCore.Mvc.ViewFeatures.Buffers;

namespace JourneyOptimizer.Sms.Web.Infrastructure;

/// <summary>
/// MVC's view buffer scope, but for one writer (docs/performance.md, tenth round). When a view is finished, Razor copies
/// its buffered values into the response writer through a writer it asks this scope for: MVC's own scope gives a
/// <c>PagedBufferedTextWriter</c>, which copies every value into pages of characters "to smooth synchronous writes"
/// and then copies the pages into the response writer. A <see cref="PipeResponseWriter"/> never waits on the socket
/// when written to (it encodes into the pipe and sends only on an asynchronous flush), so for it the values go straight
/// into it, through <see cref="PipeViewWriter"/>. Any other writer gets MVC's.
/// </summary>
internal sealed class PipeViewBufferScope(IViewBufferScope inner) : IViewBufferScope
{
    public ViewBufferValue[] GetPage(int pageSize) => inner.GetPage(pageSize);

    public void ReturnSegment(ViewBufferValue[] segment) => inner.ReturnSegment(segment);

    public TextWriter CreateWriter(TextWriter writer) =>
        writer is PipeResponseWriter pipe ? new PipeViewWriter(pipe) : inner.CreateWriter(writer);

    /// <summary>
    /// Puts this scope in front of the one MVC registered (call after <c>AddRazorPages</c>). MVC's scope stays a scoped
    /// service of its own type, so the container still creates it once per request and disposes it (which returns the
    /// request's buffers to their pool).
    /// </summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IViewBufferScope))
            ?? throw new InvalidOperationException("IViewBufferScope is not registered: call AddRazorPages first.");
        var type = registered.ImplementationType
            ?? throw new InvalidOperationException("IViewBufferScope is not registered by type.");
        services.Remove(registered);
        services.Add(new ServiceDescriptor(type, type, ServiceLifetime.Scoped));
        services.AddScoped<IViewBufferScope>(provider => new PipeViewBufferScope((IViewBufferScope)provider.GetRequiredService(type)));
    }
}

/// <summary>
/// What Razor writes a finished view through, over a <see cref="PipeResponseWriter"/>: every write goes to the response
/// writer; a flush does nothing, because MVC flushes after each piece of HTML content it writes and the response writer
/// is flushed once, by the view executor, at the end of the view; disposing leaves the response writer open.
/// </summary>
internal sealed class PipeViewWriter(PipeResponseWriter response) : TextWriter
{
    public override System.Text.Encoding Encoding => response.Encoding;

    public override void Write(char value) => response.Write(value);

    public override void Write(string? value) => response.Write(value);

    public override void Write(char[] buffer, int index, int count) => response.Write(buffer, index, count);

    public override void Write(ReadOnlySpan<char> buffer) => response.Write(buffer);

    public override Task WriteAsync(char value) => response.WriteAsync(value);

    public override Task WriteAsync(string? value) => response.WriteAsync(value);

    public override Task WriteAsync(char[] buffer, int index, int count) => response.WriteAsync(buffer, index, count);

    public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default) =>
        response.WriteAsync(buffer, cancellationToken);

    public override Task WriteLineAsync() => response.WriteLineAsync();

    public override Task WriteLineAsync(char value) => response.WriteLineAsync(value);

    public override Task WriteLineAsync(string? value) => response.WriteLineAsync(value);

    public override Task WriteLineAsync(char[] buffer, int index, int count) => response.WriteLineAsync(buffer, index, count);

    public override Task WriteLineAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default) =>
        response.WriteLineAsync(buffer, cancellationToken);

    public override void Flush()
    {
    }

    public override Task FlushAsync() => Task.CompletedTask;

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
