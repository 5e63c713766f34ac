using JourneyOptimizer.Sms.Core.Identity;
using JourneyOptimizer.Sms.Core.Sandboxes;

namespace JourneyOptimizer.Sms.Web.Infrastructure;

/// <summary>The sandbox of the current request (from its URL) and what the user may do in it.</summary>
public sealed class SandboxContext
{
    private SandboxRef? _sandbox;

    public SandboxRef Sandbox => _sandbox ?? throw new InvalidOperationException("This page has no sandbox in its route.");

    public bool HasSandbox => _sandbox is not null;

    public SandboxAccess Access { get; private set; }

    public bool CanManage => Access >= SandboxAccess.Manage;

    internal void Set(SandboxRef sandbox, SandboxAccess access)
    {
        _sandbox = sandbox;
        Access = access;
    }
}
