using JourneyOptimizer.Sms.Testing;
using JourneyOptimizer.Sms.UnitTests.Infrastructure;

namespace JourneyOptimizer.Sms.UnitTests.Webhooks;

public abstract partial class WebhookServiceTests
{
    public sealed class OnSqlite() : WebhookServiceTests(new SqliteDatabase());

    public sealed class OnPostgreSql(PostgreSqlCluster cluster) : WebhookServiceTests(new PostgreSqlDatabase(cluster));
}
