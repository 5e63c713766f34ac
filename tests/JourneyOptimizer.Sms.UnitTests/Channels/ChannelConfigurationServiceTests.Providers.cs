using JourneyOptimizer.Sms.Testing;
using JourneyOptimizer.Sms.UnitTests.Infrastructure;

namespace JourneyOptimizer.Sms.UnitTests.Channels;

public abstract partial class ChannelConfigurationServiceTests
{
    public sealed class OnSqlite() : ChannelConfigurationServiceTests(new SqliteDatabase());

    public sealed class OnPostgreSql(PostgreSqlCluster cluster) : ChannelConfigurationServiceTests(new PostgreSqlDatabase(cluster));
}
