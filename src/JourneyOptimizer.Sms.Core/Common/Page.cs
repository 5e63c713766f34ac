namespace JourneyOptimizer.Sms.Core.Common;

/// <summary>
/// One page of a keyset-paged list. <see cref="NextCursor"/> and <see cref="PreviousCursor"/> are opaque tokens
/// for the neighbouring pages (null at either end), so a deep page costs the same as the first one.
/// </summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor, string? PreviousCursor);
