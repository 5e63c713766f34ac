using JourneyOptimizer.Sms.Testing;
using JourneyOptimizer.Sms.UnitTests.Infrastructure;

namespace JourneyOptimizer.Sms.UnitTests.Credentials;

public abstract partial class ApiCredentialServiceTests
{
    public sealed class OnSqlite() : ApiCredentialServiceTests(new SqliteDatabase());

    public sealed class OnPostgreSql(PostgreSqlCluster cluster) : ApiCredentialServiceTests(new PostgreSqlDatabase(cluster));
}
