using JourneyOptimizer.Sms.Testing;
using JourneyOptimizer.Sms.UnitTests.Infrastructure;

namespace JourneyOptimizer.Sms.UnitTests.Webhooks;

public abstract partial class ConsentServiceTests
{
    public sealed class OnSqlite() : ConsentServiceTests(new SqliteDatabase());

    public sealed class OnPostgreSql(PostgreSqlCluster cluster) : ConsentServiceTests(new PostgreSqlDatabase(cluster));
}
