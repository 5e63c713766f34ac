namespace JourneyOptimizer.Sms.Core.Security;

/// <summary>Encrypts secrets before they reach the database and decrypts them only to talk to a provider.</summary>
public interface ISecretProtector
{
    string Protect(string secret);

    string Unprotect(string protectedSecret);

    /// <summary>The last characters of a secret, to show that it is set (e.g. <c>••••••••3f9a</c>).</summary>
    static string Hint(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return secret.Length <= 4 ? "" : secret[^4..];
    }
}
