namespace JourneyOptimizer.Sms.Core.Credentials.Custom;

/// <summary>The "Mac Authorization Hash Format" of a MAC-authenticated Custom provider.</summary>
public enum MacHashAlgorithm
{
    HmacSha256 = 1,
    HmacSha1 = 2,
}
