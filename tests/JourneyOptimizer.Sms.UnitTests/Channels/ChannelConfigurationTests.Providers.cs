using JourneyOptimizer.Sms.Testing;
using JourneyOptimizer.Sms.UnitTests.Infrastructure;

namespace JourneyOptimizer.Sms.UnitTests.Channels;

public abstract partial class ChannelConfigurationTests
{
    public sealed class OnSqlite() : ChannelConfigurationTests(new SqliteDatabase());

    public sealed class OnPostgreSql(PostgreSqlCluster cluster) : ChannelConfigurationTests(new PostgreSqlDatabase(cluster));
}
