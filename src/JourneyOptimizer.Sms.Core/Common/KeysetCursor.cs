using System.Text;

namespace JourneyOptimizer.Sms.Core.Common;

/// <summary>Where a keyset-paged list starts: at its beginning, after a key or before it.</summary>
public enum KeysetDirection
{
    First,
    After,
    Before,
}

/// <summary>
/// The cursors of the lists paged by name (credentials, channel configurations, webhooks; decision 0001): "a" (after) or
/// "b" (before) followed by the row's normalised name in unpadded base64url. A cursor the portal did not make reads as
/// the first page.
/// </summary>
public static class KeysetCursor
{
    private const int MaxLength = 600;

    public static string Encode(KeysetDirection direction, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (direction == KeysetDirection.First)
        {
            throw new ArgumentOutOfRangeException(nameof(direction), "The first page has no cursor.");
        }

        return (direction == KeysetDirection.After ? "a" : "b")
            + Convert.ToBase64String(Encoding.UTF8.GetBytes(key)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static (KeysetDirection Direction, string Key) Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor) || cursor.Length > MaxLength || (cursor[0] != 'a' && cursor[0] != 'b'))
        {
            return (KeysetDirection.First, "");
        }

        var base64 = cursor[1..].Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        var bytes = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, bytes, out var written)
            ? (cursor[0] == 'a' ? KeysetDirection.After : KeysetDirection.Before, Encoding.UTF8.GetString(bytes, 0, written))
            : (KeysetDirection.First, "");
    }

    /// <summary>
    /// The page from the rows a query read in the cursor's direction: at most <paramref name="pageSize"/> + 1 of them,
    /// the extra one telling that more follow. Rows read backwards (before a key) are put back in list order.
    /// </summary>
    /// <param name="key">The normalised name of a row, which its neighbours' cursors carry.</param>
    public static Page<T> ToPage<T>(List<T> rows, int pageSize, KeysetDirection direction, Func<T, string> key)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(key);
        var more = rows.Count > pageSize;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        if (direction == KeysetDirection.Before)
        {
            rows.Reverse();
            return new Page<T>(rows,
                rows.Count > 0 ? Encode(KeysetDirection.After, key(rows[^1])) : null,
                more ? Encode(KeysetDirection.Before, key(rows[0])) : null);
        }

        return new Page<T>(rows,
            more ? Encode(KeysetDirection.After, key(rows[^1])) : null,
            direction == KeysetDirection.After && rows.Count > 0 ? Encode(KeysetDirection.Before, key(rows[0])) : null);
    }
}
