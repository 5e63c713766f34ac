using JourneyOptimizer.Sms.Testing;

// One throwaway PostgreSQL cluster for the whole test run, started by the first test that needs it.
[assembly: AssemblyFixture(typeof(PostgreSqlCluster))]
