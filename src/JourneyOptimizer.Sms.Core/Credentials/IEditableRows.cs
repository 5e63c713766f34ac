namespace JourneyOptimizer.Sms.Core.Credentials;

/// <summary>
/// A vendor input with lists of rows that its form adds and removes without JavaScript (the Custom provider's
/// headers): the form's "Add" and bin buttons post the list's name (and the row's index).
/// </summary>
public interface IEditableRows
{
    /// <summary>Adds an empty row to the list <paramref name="rows"/>; false when it is full or there is no such list.</summary>
    bool AddRow(string rows);

    /// <summary>Removes the row <paramref name="index"/> of <paramref name="rows"/> when it may be removed.</summary>
    bool RemoveRow(string rows, int index);
}
