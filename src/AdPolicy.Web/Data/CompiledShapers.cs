#pragma warning disable EF1001, EF9100 // EF's query compilation context is an internal API: pinned by the package version, covered by every test that reads.

using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Query;
using Npgsql.EntityFrameworkCore.PostgreSQL.Query.Internal;

namespace AdPolicy.Web.Data;

/// <summary>
/// Compiles a query's shaper once, when the query is compiled, instead of on every execution (issue 17).
/// Since EF Core 9 a query's executor passes its shaper and command resolver as lambdas nested in the executor's own
/// expression (so that precompiled queries can generate code for them; dotnet/efcore#35210). Compiled as one tree, a
/// nested lambda is turned into a delegate each time the executor runs: a <c>DynamicMethod.CreateDelegate</c> per query
/// execution, 2–3 % of the app's CPU on "my cases". Here every nested lambda that uses none of its enclosing lambdas'
/// parameters is compiled on its own and put in the tree as a constant, as EF Core 8 did. What the query reads and
/// returns does not change; the whole test suite reads through it.
/// </summary>
public sealed class CompiledShapersQueryCompilationContextFactory(
    QueryCompilationContextDependencies dependencies,
    RelationalQueryCompilationContextDependencies relationalDependencies)
    : IQueryCompilationContextFactory
{
    public QueryCompilationContext Create(bool async) => new CompiledShapersQueryCompilationContext(dependencies, relationalDependencies, async);
}

/// <summary>Npgsql's compilation context with closed nested lambdas compiled once (see <see cref="CompiledShapersQueryCompilationContextFactory"/>).</summary>
public sealed class CompiledShapersQueryCompilationContext(
    QueryCompilationContextDependencies dependencies,
    RelationalQueryCompilationContextDependencies relationalDependencies,
    bool async)
    : NpgsqlQueryCompilationContext(dependencies, relationalDependencies, async)
{
    public override Func<QueryContext, TResult> CreateQueryExecutor<TResult>(Expression query)
    {
        // The same steps as EF's own, with the hoisting between inlining the constants and compiling.
        var executor = CreateQueryExecutorExpression<TResult>(query);
        var inlined = (Expression<Func<QueryContext, TResult>>)Dependencies.LiftableConstantProcessor.InlineConstants(executor, SupportsPrecompiledQuery);
        try
        {
            return ((Expression<Func<QueryContext, TResult>>)NestedLambdas.CompileClosed(inlined)).Compile();
        }
        finally
        {
            Logger.QueryExecutionPlanned(Dependencies.Context, new ExpressionPrinter(), executor);
        }
    }
}

/// <summary>Replaces each nested lambda that is closed (uses no parameter or variable from outside itself) with its compiled delegate.</summary>
public sealed class NestedLambdas : ExpressionVisitor
{
    private NestedLambdas()
    {
    }

    /// <summary>The lambda with its closed nested lambdas compiled; the lambda itself is left for the caller to compile.</summary>
    public static LambdaExpression CompileClosed(LambdaExpression lambda) =>
        Expression.Lambda(lambda.Type, new NestedLambdas().Visit(lambda.Body), lambda.Name, lambda.TailCall, lambda.Parameters);

    protected override Expression VisitLambda<T>(Expression<T> node)
    {
        var visited = (Expression<T>)base.VisitLambda(node); // the innermost first, so an outer lambda compiles around their delegates
        return FreeVariables.Any(visited) ? visited : Expression.Constant(visited.Compile(), typeof(T));
    }

    // A quoted lambda is an expression tree handed over as data, not a delegate: it stays as it is.
    protected override Expression VisitUnary(UnaryExpression node) => node.NodeType == ExpressionType.Quote ? node : base.VisitUnary(node);

    // A lambda invoked in place is inlined by the compiler, so it creates no delegate: only its body is visited.
    protected override Expression VisitInvocation(InvocationExpression node) =>
        node.Expression is LambdaExpression lambda
            ? node.Update(Expression.Lambda(lambda.Type, Visit(lambda.Body), lambda.Name, lambda.TailCall, lambda.Parameters), Visit(node.Arguments))
            : base.VisitInvocation(node);

    /// <summary>Whether an expression uses a parameter or variable it does not declare itself.</summary>
    private sealed class FreeVariables : ExpressionVisitor
    {
        private readonly List<IReadOnlyCollection<ParameterExpression>> _scopes = [];
        private bool _found;

        public static bool Any(LambdaExpression lambda)
        {
            var finder = new FreeVariables();
            finder.Visit(lambda);
            return finder._found;
        }

        protected override Expression VisitLambda<T>(Expression<T> node)
        {
            _scopes.Add(node.Parameters);
            Visit(node.Body);
            _scopes.RemoveAt(_scopes.Count - 1);
            return node;
        }

        protected override Expression VisitBlock(BlockExpression node)
        {
            _scopes.Add(node.Variables);
            Visit(node.Expressions);
            _scopes.RemoveAt(_scopes.Count - 1);
            return node;
        }

        protected override CatchBlock VisitCatchBlock(CatchBlock node)
        {
            _scopes.Add(node.Variable is null ? [] : [node.Variable]);
            Visit(node.Filter);
            Visit(node.Body);
            _scopes.RemoveAt(_scopes.Count - 1);
            return node;
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            _found |= !_scopes.Exists(scope => scope.Contains(node));
            return node;
        }
    }
}
