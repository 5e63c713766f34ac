using System.Globalization;
using JourneyOptimizer.Sms.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace JourneyOptimizer.Sms.Core.Webhooks;

/// <summary>
/// Keyset paging of the activity lists (inbound messages, delivery statuses, consent), newest first on
/// (time, id): every page costs one index range read whatever its depth (decision 0001). A cursor is
/// "a" (older than) or "b" (newer than) followed by the key of the row it starts after.
/// </summary>
public static class ActivityPaging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public static string Encode(bool older, DateTime time, long id) =>
        (older ? "a" : "b") + time.Ticks.ToString(CultureInfo.InvariantCulture) + "." + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The cursor's direction and key; null for no cursor or one that was not made here.</summary>
    public static (bool Older, DateTime Time, long Id)? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 60 || (cursor[0] != 'a' && cursor[0] != 'b'))
        {
            return null;
        }

        var parts = cursor[1..].Split('.');
        if (parts.Length != 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || ticks > DateTime.MaxValue.Ticks)
        {
            return null;
        }

        return (cursor[0] == 'a', new DateTime(ticks, DateTimeKind.Utc), id);
    }

    /// <summary>A number prefix as searched: spaces, dashes, dots and brackets dropped; null when nothing is left.</summary>
    public static string? NumberPrefix(string? search)
    {
        if (string.IsNullOrWhiteSpace(search))
        {
            return null;
        }

        var kept = new string(search.Where(c => c is not (' ' or '-' or '.' or '(' or ')')).Take(40).ToArray());
        return kept.Length == 0 ? null : kept;
    }

    /// <summary>The upper bound of a prefix range: every text starting with <paramref name="prefix"/> sorts below it.</summary>
    public static string PrefixEnd(string prefix) => prefix + "\U0010FFFF";

    /// <summary>One page of <paramref name="query"/>, newest first.</summary>
    /// <param name="olderThan">The rows strictly older than a key (time, then id).</param>
    /// <param name="newerThan">The rows strictly newer than a key.</param>
    /// <param name="newestFirst">The list order.</param>
    /// <param name="oldestFirst">The reverse order (to read the page before a cursor).</param>
    /// <param name="key">The key of a projected row.</param>
    public static async Task<Page<TItem>> PageAsync<TEntity, TItem>(
        IQueryable<TEntity> query,
        Func<IQueryable<TEntity>, DateTime, long, IQueryable<TEntity>> olderThan,
        Func<IQueryable<TEntity>, DateTime, long, IQueryable<TEntity>> newerThan,
        Func<IQueryable<TEntity>, IQueryable<TEntity>> newestFirst,
        Func<IQueryable<TEntity>, IQueryable<TEntity>> oldestFirst,
        Func<IQueryable<TEntity>, IQueryable<TItem>> project,
        Func<TItem, (DateTime Time, long Id)> key,
        string? cursor, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(olderThan);
        ArgumentNullException.ThrowIfNull(newerThan);
        ArgumentNullException.ThrowIfNull(newestFirst);
        ArgumentNullException.ThrowIfNull(oldestFirst);
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(key);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var position = Decode(cursor);
        List<TItem> rows;
        if (position is { Older: false } before)
        {
            rows = await project(oldestFirst(newerThan(query, before.Time, before.Id)).Take(pageSize + 1)).ToListAsync(cancellationToken);
            var moreBefore = rows.Count > pageSize;
            if (moreBefore)
            {
                rows.RemoveAt(rows.Count - 1);
            }

            rows.Reverse();
            return new Page<TItem>(rows,
                rows.Count > 0 ? Encode(true, key(rows[^1]).Time, key(rows[^1]).Id) : null,
                moreBefore ? Encode(false, key(rows[0]).Time, key(rows[0]).Id) : null);
        }

        var source = position is { } after ? olderThan(query, after.Time, after.Id) : query;
        rows = await project(newestFirst(source).Take(pageSize + 1)).ToListAsync(cancellationToken);
        var more = rows.Count > pageSize;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        return new Page<TItem>(rows,
            more ? Encode(true, key(rows[^1]).Time, key(rows[^1]).Id) : null,
            position is not null && rows.Count > 0 ? Encode(false, key(rows[0]).Time, key(rows[0]).Id) : null);
    }
}
