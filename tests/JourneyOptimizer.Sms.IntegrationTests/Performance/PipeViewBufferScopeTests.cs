using System.Text;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.ViewFeatures.Buffers;
using Microsoft.Extensions.DependencyInjection;

namespace JourneyOptimizer.Sms.IntegrationTests.Performance;

/// <summary>
/// <see cref="PipeViewBufferScope"/> lets Razor copy a finished view straight into the <see cref="PipeResponseWriter"/>:
/// the bytes must be the same, nothing may be sent before the view executor's flush (MVC flushes after every piece of
/// HTML content), and the response writer must outlive the writer Razor disposes.
/// </summary>
public sealed class PipeViewBufferScopeTests
{
    [Fact]
    public async Task The_portal_copies_a_view_straight_into_the_response_writer_and_any_other_writer_through_MVCs()
    {
        await using var portal = new PortalFactory();
        await using var scope = portal.Services.CreateAsyncScope();
        var buffers = scope.ServiceProvider.GetRequiredService<IViewBufferScope>();
        Assert.IsType<PipeViewBufferScope>(buffers);

        var pipe = PipeResponseWriterTests.NewPipe();
        await using var response = new PipeResponseWriter(pipe.Writer, Encoding.UTF8);
        Assert.IsType<PipeViewWriter>(buffers.CreateWriter(response));

        var other = buffers.CreateWriter(new StringWriter());
        Assert.Equal("PagedBufferedTextWriter", other.GetType().Name);

        // The buffers still come from MVC's scope (its pool of value arrays).
        var page = buffers.GetPage(256);
        Assert.True(page.Length >= 256);
        buffers.ReturnSegment(page);
    }

    [Fact]
    public async Task Writes_reach_the_response_writer_in_order_and_are_sent_only_by_its_own_flush()
    {
        var pipe = PipeResponseWriterTests.NewPipe();
        var response = new PipeResponseWriter(pipe.Writer, Encoding.UTF8);
        var expected = new StringBuilder();
        await using (var view = new PipeViewWriter(response))
        {
            view.Write("<table>");
            view.Write('渠');
            view.Write("道配置".ToCharArray(), 0, 3);
            view.Write("<tr>".AsSpan());
            await view.WriteAsync("<td>Ação</td>");
            await view.WriteAsync('\uD83D');
            await view.WriteAsync("\uDE00".AsMemory());
            await view.WriteAsync("</tr>".ToCharArray(), 0, 5);
            await view.WriteLineAsync("</table>");
            expected.Append("<table>渠道配置<tr><td>Ação</td>\uD83D\uDE00</tr></table>").Append(view.NewLine);

            // What MVC does after each piece of HTML content, and at the end of the view.
            view.Flush();
            await view.FlushAsync();
            await view.FlushAsync(CancellationToken.None);
            Assert.False(PipeResponseWriterTests.HasSent(pipe));
            Assert.Equal(0, pipe.Writer.UnflushedBytes);
        }

        // Disposing Razor's writer leaves the response writer open; the view executor's flush sends it all.
        response.Write("<p>after</p>");
        expected.Append("<p>after</p>");
        await response.FlushAsync();
        Assert.True(pipe.Reader.TryRead(out var result));
        Assert.Equal(expected.ToString(), Encoding.UTF8.GetString(result.Buffer));
        pipe.Reader.AdvanceTo(result.Buffer.End);
        await response.DisposeAsync();
    }
}
