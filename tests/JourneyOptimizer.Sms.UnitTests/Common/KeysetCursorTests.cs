using JourneyOptimizer.Sms.Core.Common;

namespace JourneyOptimizer.Sms.UnitTests.Common;

/// <summary>The one cursor codec of the lists paged by name, and how it cuts a page from the rows read.</summary>
public sealed class KeysetCursorTests
{
    [Theory]
    [InlineData(KeysetDirection.After, "ALPHA 001")]
    [InlineData(KeysetDirection.Before, "通知 <B>&\"'?")]
    [InlineData(KeysetDirection.After, "")]
    public void A_cursor_reads_back_as_its_direction_and_key(KeysetDirection direction, string key)
    {
        var cursor = KeysetCursor.Encode(direction, key);

        Assert.Matches("^[ab][A-Za-z0-9_-]*$", cursor);
        Assert.Equal((direction, key), KeysetCursor.Decode(cursor));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("x" + "QUJD")]
    [InlineData("a!!!")]
    [InlineData("b====")]
    public void A_cursor_the_portal_did_not_make_reads_as_the_first_page(string? cursor) =>
        Assert.Equal((KeysetDirection.First, ""), KeysetCursor.Decode(cursor));

    [Fact]
    public void An_overlong_cursor_reads_as_the_first_page() =>
        Assert.Equal(KeysetDirection.First, KeysetCursor.Decode("a" + new string('Q', 800)).Direction);

    [Fact]
    public void The_first_page_links_only_forwards_when_more_rows_follow()
    {
        var page = KeysetCursor.ToPage(["A", "B", "C"], 2, KeysetDirection.First, k => k);

        Assert.Equal(["A", "B"], page.Items);
        Assert.Equal(KeysetCursor.Encode(KeysetDirection.After, "B"), page.NextCursor);
        Assert.Null(page.PreviousCursor);
    }

    [Fact]
    public void A_page_after_a_key_links_back_to_its_first_row_and_ends_without_a_next_link()
    {
        var page = KeysetCursor.ToPage(["C", "D"], 2, KeysetDirection.After, k => k);

        Assert.Null(page.NextCursor);
        Assert.Equal(KeysetCursor.Encode(KeysetDirection.Before, "C"), page.PreviousCursor);
    }

    [Fact]
    public void Rows_read_backwards_are_put_back_in_list_order()
    {
        // Read before "C" in descending order, one more than the page: "A" tells that a page precedes.
        var page = KeysetCursor.ToPage(["B", "A0", "A"], 2, KeysetDirection.Before, k => k);

        Assert.Equal(["A0", "B"], page.Items);
        Assert.Equal(KeysetCursor.Encode(KeysetDirection.After, "B"), page.NextCursor);
        Assert.Equal(KeysetCursor.Encode(KeysetDirection.Before, "A0"), page.PreviousCursor);
    }
}
