namespace JourneyOptimizer.Sms.Core.Sandboxes;

/// <summary>The sandbox a request works in, resolved from its URL.</summary>
public sealed record SandboxRef(int Id, string Name, string Title);
