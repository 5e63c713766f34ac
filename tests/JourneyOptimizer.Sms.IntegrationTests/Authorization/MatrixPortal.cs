using System.Globalization;
using JourneyOptimizer.Sms.Core.Identity;
using JourneyOptimizer.Sms.IntegrationTests.Infrastructure;
using JourneyOptimizer.Sms.IntegrationTests.Users;

namespace JourneyOptimizer.Sms.IntegrationTests.Authorization;

/// <summary>
/// Two sandboxes (A and B), an object of each kind in A, and the four kinds of signed-in users of the matrix:
/// View A, Manage A, Manage B and a System administrator (plus anonymous).
/// </summary>
public sealed class MatrixPortal : PortalFactory, IAsyncLifetime
{
    public const string SandboxA = "matrix-a";
    public const string SandboxB = "matrix-b";

    public int SandboxAId { get; private set; }

    public int SandboxBId { get; private set; }

    public int CredentialAId { get; private set; }

    public string UserId { get; private set; } = "";

    public IReadOnlyList<RawSession> Sessions { get; private set; } = [];

    public RawSession Anonymous => Sessions[0];

    public RawSession ViewA => Sessions[1];

    public RawSession ManageA => Sessions[2];

    public RawSession ManageB => Sessions[3];

    public RawSession Administrator => Sessions[4];

    public async ValueTask InitializeAsync()
    {
        SandboxAId = (await TestData.SandboxAsync(this, SandboxA)).Id;
        SandboxBId = (await TestData.SandboxAsync(this, SandboxB)).Id;
        CredentialAId = await NewCredentialAsync();
        var viewA = TestUsers.Email("view-a");
        var manageA = TestUsers.Email("manage-a");
        var manageB = TestUsers.Email("manage-b");
        UserId = await TestUsers.CreateAsync(this, viewA, false, (SandboxAId, SandboxAccess.View));
        await TestUsers.CreateAsync(this, manageA, false, (SandboxAId, SandboxAccess.Manage));
        await TestUsers.CreateAsync(this, manageB, false, (SandboxBId, SandboxAccess.Manage));
        Sessions =
        [
            await RawSession.AnonymousAsync(this),
            await RawSession.SignedInAsync(this, "View A", viewA, TestUsers.Password),
            await RawSession.SignedInAsync(this, "Manage A", manageA, TestUsers.Password),
            await RawSession.SignedInAsync(this, "Manage B", manageB, TestUsers.Password),
            await RawSession.SignedInAsync(this, "System administrator", AdminEmail, AdminPassword),
        ];
    }

    public Task<int> NewCredentialAsync() => TestData.CreateTwilioAsync(this, SandboxAId, TestData.Twilio());

    /// <summary>A user that a POST may change freely (the sample of a write to a user page).</summary>
    public Task<string> NewUserAsync() => TestUsers.CreateAsync(this, TestUsers.Email("sample"), false, (SandboxAId, SandboxAccess.View));

    public static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
