using JourneyOptimizer.Sms.Testing;
using JourneyOptimizer.Sms.UnitTests.Infrastructure;

namespace JourneyOptimizer.Sms.UnitTests.Channels;

public abstract partial class ChannelCheckProcessorTests
{
    public sealed class OnSqlite() : ChannelCheckProcessorTests(new SqliteDatabase());

    public sealed class OnPostgreSql(PostgreSqlCluster cluster) : ChannelCheckProcessorTests(new PostgreSqlDatabase(cluster));
}
