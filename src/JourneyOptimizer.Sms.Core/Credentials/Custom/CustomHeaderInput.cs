namespace JourneyOptimizer.Sms.Core.Credentials.Custom;

/// <summary>
/// One row of the Headers section. A secret value (<see cref="IsSecret"/>) is encrypted at rest, never shown again,
/// and left blank on edit to keep the stored value.
/// </summary>
public sealed class CustomHeaderInput
{
    public string? Name { get; set; }

    public string? Value { get; set; }

    public bool IsSecret { get; set; }
}
