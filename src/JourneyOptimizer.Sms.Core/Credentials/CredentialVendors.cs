using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace JourneyOptimizer.Sms.Core.Credentials;

/// <summary>The registered vendors (<see cref="ICredentialVendor"/>), by key, in the order of <see cref="SmsVendor"/>.</summary>
public sealed class CredentialVendors
{
    private readonly Dictionary<SmsVendor, ICredentialVendor> _byKey;

    public CredentialVendors(IEnumerable<ICredentialVendor> vendors)
    {
        ArgumentNullException.ThrowIfNull(vendors);
        _byKey = [];
        foreach (var vendor in vendors)
        {
            if (!_byKey.TryAdd(vendor.Vendor, vendor))
            {
                throw new InvalidOperationException($"Two vendors are registered for {vendor.Vendor}.");
            }
        }

        All = [.. _byKey.Values.OrderBy(v => v.Vendor)];
    }

    public IReadOnlyList<ICredentialVendor> All { get; }

    /// <summary>The vendors whose webhooks the portal receives.</summary>
    public IEnumerable<ICredentialVendor> WithWebhooks => All.Where(v => v.Webhooks is not null);

    /// <summary>The vendor of a stored credential: one that is not registered is a bug (a subtype without its plug-in).</summary>
    public ICredentialVendor this[SmsVendor vendor] =>
        _byKey.TryGetValue(vendor, out var found) ? found : throw new KeyNotFoundException($"No vendor is registered for {vendor}.");

    /// <summary>The vendor of a key typed or posted by a user, or null.</summary>
    public ICredentialVendor? Find(SmsVendor vendor) => _byKey.GetValueOrDefault(vendor);

    /// <summary>The vendor named <paramref name="name"/> (its <see cref="SmsVendor"/> name, any case), or null.</summary>
    public ICredentialVendor? Find(string? name) =>
        Enum.TryParse<SmsVendor>(name, ignoreCase: true, out var vendor) && Enum.IsDefined(vendor) && !int.TryParse(name, out _)
            ? Find(vendor)
            : null;
}

public static class CredentialVendorServiceCollectionExtensions
{
    /// <summary>Registers a vendor (a singleton) and the <see cref="CredentialVendors"/> registry: one call per vendor.</summary>
    public static IServiceCollection AddCredentialVendor<TVendor>(this IServiceCollection services)
        where TVendor : class, ICredentialVendor
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICredentialVendor, TVendor>());
        services.TryAddSingleton<CredentialVendors>();
        return services;
    }
}
