namespace JourneyOptimizer.Sms.Core.Sandboxes;

/// <summary>An isolated set of channel objects (production, development, ...). Every credential belongs to one.</summary>
public sealed class Sandbox
{
    public const int NameMaxLength = 50;
    public const int TitleMaxLength = 100;
    public const string DefaultName = "prod";

    public int Id { get; set; }

    /// <summary>URL name: lower-case letters, digits and '-'. Unique.</summary>
    public required string Name { get; set; }

    public required string Title { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public int Version { get; set; }
}
