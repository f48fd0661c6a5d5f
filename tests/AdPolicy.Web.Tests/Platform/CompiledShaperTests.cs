using System.Linq.Expressions;
using AdPolicy.Domain.Accounts;
using AdPolicy.Web.Data;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Query;
using Npgsql;

namespace AdPolicy.Web.Tests.Platform;

/// <summary>
/// A query's nested lambdas that use nothing from outside themselves are compiled once, when the query is (issue 17):
/// EF Core 9 and later leave them in the executor's tree, which made a new delegate on every execution.
/// </summary>
public sealed class CompiledShaperTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public void AClosedNestedLambda_IsOneDelegateForEveryRun_AndAnOpenOneStillSeesItsOuterValue()
    {
        var y = Expression.Parameter(typeof(int), "y");
        var x = Expression.Parameter(typeof(int), "x");
        var closed = Expression.Lambda<Func<int, int>>(Expression.Add(y, Expression.Constant(1)), y);
        var open = Expression.Lambda<Func<int, int>>(Expression.Add(y, x), y);
        var outer = Expression.Lambda<Func<int, (Func<int, int> Closed, Func<int, int> Open)>>(
            Expression.New(typeof(ValueTuple<Func<int, int>, Func<int, int>>).GetConstructors()[0], closed, open), x);

        // As EF's executor is compiled on its own: a new delegate per run.
        var plain = outer.Compile();
        Assert.NotSame(plain(1).Closed, plain(1).Closed);

        var hoisted = ((Expression<Func<int, (Func<int, int> Closed, Func<int, int> Open)>>)NestedLambdas.CompileClosed(outer)).Compile();
        var (first, firstOpen) = hoisted(10);
        var (second, secondOpen) = hoisted(20);
        Assert.Same(first, second);
        Assert.Equal(6, first(5));
        Assert.Equal((15, 25), (firstOpen(5), secondOpen(5)));
    }

    [Fact]
    public void AQuotedLambda_StaysAnExpressionTree_AndAnInvokedOneIsLeftInPlace()
    {
        var y = Expression.Parameter(typeof(int), "y");
        var quoted = Expression.Quote(Expression.Lambda<Func<int, int>>(Expression.Negate(y), y));
        var invoked = Expression.Invoke(Expression.Lambda<Func<int, int>>(Expression.Multiply(y, Expression.Constant(3)), y), Expression.Constant(4));
        var outer = Expression.Lambda<Func<(Expression<Func<int, int>>, int)>>(
            Expression.New(typeof(ValueTuple<Expression<Func<int, int>>, int>).GetConstructors()[0], quoted, invoked));

        var rewritten = (Expression<Func<(Expression<Func<int, int>>, int)>>)NestedLambdas.CompileClosed(outer);
        var body = (NewExpression)rewritten.Body;
        Assert.Equal(ExpressionType.Quote, body.Arguments[0].NodeType);
        Assert.IsAssignableFrom<LambdaExpression>(((InvocationExpression)body.Arguments[1]).Expression);
        var (tree, product) = rewritten.Compile()();
        Assert.Equal((-2, 12), (tree.Compile()(2), product));
    }

    [Fact]
    public async Task TheAppsQueries_AreCompiledThisWay_AndACorrelatedCollectionReadsWhatTheDatabaseHolds()
    {
        // Organisations with two accounts, one and none: the collection is read per organisation, empty ones included.
        await app.WithDbAsync(async db =>
        {
            var two = new Organisation(Guid.NewGuid(), "Two accounts", Region.Emea);
            var one = new Organisation(Guid.NewGuid(), "One account", Region.AsiaPacific);
            db.Organisations.AddRange(two, one, new Organisation(Guid.NewGuid(), "No account", Region.NorthAmerica));
            db.AdAccounts.AddRange(
                new AdAccount(Guid.NewGuid(), two.Id, "Shoes", Region.Emea, "EUR"),
                new AdAccount(Guid.NewGuid(), two.Id, "Boots", Region.Emea, "EUR"),
                new AdAccount(Guid.NewGuid(), one.Id, "Tea", Region.AsiaPacific, "JPY"));
            return await db.SaveChangesAsync();
        });

        var expected = new Dictionary<Guid, List<string>>();
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = new NpgsqlCommand("SELECT o.id, a.name FROM organisations o LEFT JOIN ad_accounts a ON a.organisation_id = o.id", connection);
            await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                var names = expected.TryGetValue(reader.GetGuid(0), out var list) ? list : expected[reader.GetGuid(0)] = [];
                if (!reader.IsDBNull(1))
                {
                    names.Add(reader.GetString(1));
                }
            }
        }

        Assert.Equal([0, 1, 2], expected.Values.Select(names => names.Count).Distinct().Order());

        for (var run = 0; run < 2; run++) // the second run reuses the compiled executor and its shaper
        {
            var read = await app.WithDbAsync(async db =>
            {
                Assert.IsType<CompiledShapersQueryCompilationContextFactory>(db.GetService<IQueryCompilationContextFactory>());
                return await db.Organisations.AsNoTracking()
                    .Select(o => new { o.Id, Names = db.AdAccounts.Where(a => a.OrganisationId == o.Id).Select(a => a.Name).ToList() })
                    .ToListAsync(TestContext.Current.CancellationToken);
            });

            Assert.Equal(expected.Count, read.Count);
            foreach (var organisation in read)
            {
                Assert.Equal(expected[organisation.Id].Order(), organisation.Names.Order());
            }
        }
    }
}
