using System.Collections.Frozen;

namespace JourneyOptimizer.Sms.Core.Common;

/// <summary>
/// An enum's names and values from frozen tables, for the list pages, which name or parse several enum values per row
/// (docs/performance.md, eleventh round): <see cref="Enum.ToString()"/> boxes the value and searches the type's names, and
/// <see cref="Enum.Parse{TEnum}(string)"/> searches them too. Anything not a declared name (a number, combined flags)
/// goes to those methods, so the answers are theirs.
/// </summary>
public static class EnumNames
{
    /// <summary>As <see cref="Enum.ToString()"/>.</summary>
    public static string Name<T>(T value)
        where T : struct, Enum => Table<T>.Names.TryGetValue(value, out var name) ? name : value.ToString();

    /// <summary>As <see cref="Enum.Parse{TEnum}(string)"/>.</summary>
    public static T Parse<T>(string name)
        where T : struct, Enum => Table<T>.Values.TryGetValue(name, out var value) ? value : Enum.Parse<T>(name);

    private static class Table<T>
        where T : struct, Enum
    {
        internal static readonly FrozenDictionary<T, string> Names =
            Enum.GetValues<T>().Distinct().ToFrozenDictionary(value => value, value => value.ToString());

        internal static readonly FrozenDictionary<string, T> Values =
            Enum.GetValues<T>().Distinct().ToFrozenDictionary(value => value.ToString(), StringComparer.Ordinal);
    }
}
