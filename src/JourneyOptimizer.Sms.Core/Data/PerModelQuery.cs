using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace JourneyOptimizer.Sms.Core.Data;

/// <summary>
/// <see cref="EF.CompileAsyncQuery{TContext, TParam1, TResult}(Expression{Func{TContext, TParam1, IQueryable{TResult}}})"/>
/// compiled once per model instead of once per process, with the same signatures. EF binds a compiled query to the first
/// model it runs with and refuses any other ("executed with a different model than it was compiled against"), and one
/// process can hold a model of <see cref="SmsDbContext"/> per provider: the tests run every service on SQLite and on
/// PostgreSQL. A call costs one more <see cref="ConditionalWeakTable{TKey, TValue}"/> read than EF's own.
/// </summary>
internal static class PerModelQuery
{
    public static Func<TContext, T1, T2, IAsyncEnumerable<TResult>> CompileAsyncQuery<TContext, T1, T2, TResult>(
        Expression<Func<TContext, T1, T2, IQueryable<TResult>>> query)
        where TContext : DbContext
    {
        var compiled = new ByModel<Func<TContext, T1, T2, IAsyncEnumerable<TResult>>>(() => EF.CompileAsyncQuery(query));
        return (context, p1, p2) => compiled.For(context)(context, p1, p2);
    }

    public static Func<TContext, T1, T2, T3, IAsyncEnumerable<TResult>> CompileAsyncQuery<TContext, T1, T2, T3, TResult>(
        Expression<Func<TContext, T1, T2, T3, IQueryable<TResult>>> query)
        where TContext : DbContext
    {
        var compiled = new ByModel<Func<TContext, T1, T2, T3, IAsyncEnumerable<TResult>>>(() => EF.CompileAsyncQuery(query));
        return (context, p1, p2, p3) => compiled.For(context)(context, p1, p2, p3);
    }

    public static Func<TContext, T1, T2, T3, T4, IAsyncEnumerable<TResult>> CompileAsyncQuery<TContext, T1, T2, T3, T4, TResult>(
        Expression<Func<TContext, T1, T2, T3, T4, IQueryable<TResult>>> query)
        where TContext : DbContext
    {
        var compiled = new ByModel<Func<TContext, T1, T2, T3, T4, IAsyncEnumerable<TResult>>>(() => EF.CompileAsyncQuery(query));
        return (context, p1, p2, p3, p4) => compiled.For(context)(context, p1, p2, p3, p4);
    }

    public static Func<TContext, T1, T2, T3, T4, T5, IAsyncEnumerable<TResult>> CompileAsyncQuery<TContext, T1, T2, T3, T4, T5, TResult>(
        Expression<Func<TContext, T1, T2, T3, T4, T5, IQueryable<TResult>>> query)
        where TContext : DbContext
    {
        var compiled = new ByModel<Func<TContext, T1, T2, T3, T4, T5, IAsyncEnumerable<TResult>>>(() => EF.CompileAsyncQuery(query));
        return (context, p1, p2, p3, p4, p5) => compiled.For(context)(context, p1, p2, p3, p4, p5);
    }

    public static Func<TContext, T1, T2, T3, T4, T5, T6, T7, IAsyncEnumerable<TResult>> CompileAsyncQuery<TContext, T1, T2, T3, T4, T5, T6, T7, TResult>(
        Expression<Func<TContext, T1, T2, T3, T4, T5, T6, T7, IQueryable<TResult>>> query)
        where TContext : DbContext
    {
        var compiled = new ByModel<Func<TContext, T1, T2, T3, T4, T5, T6, T7, IAsyncEnumerable<TResult>>>(() => EF.CompileAsyncQuery(query));
        return (context, p1, p2, p3, p4, p5, p6, p7) => compiled.For(context)(context, p1, p2, p3, p4, p5, p6, p7);
    }

    /// <summary>A single result (First, FirstOrDefault, Single, ...), as EF's overload with a cancellation token.</summary>
    public static Func<TContext, T1, T2, CancellationToken, Task<TResult>> CompileAsyncQuery<TContext, T1, T2, TResult>(
        Expression<Func<TContext, T1, T2, CancellationToken, TResult>> query)
        where TContext : DbContext
    {
        var compiled = new ByModel<Func<TContext, T1, T2, CancellationToken, Task<TResult>>>(() => EF.CompileAsyncQuery(query));
        return (context, p1, p2, cancellationToken) => compiled.For(context)(context, p1, p2, cancellationToken);
    }

    private sealed class ByModel<TQuery>(Func<TQuery> compile)
        where TQuery : class
    {
        private readonly ConditionalWeakTable<IModel, TQuery> _queries = new();

        public TQuery For(DbContext context) =>
            _queries.TryGetValue(context.Model, out var query) ? query : _queries.GetValue(context.Model, _ => compile());
    }
}
