using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Query;

namespace Attune.Web.Features.Sharing;

/// <summary>
/// Refuses, before EF Core compiles it, any query over a person's health data (an
/// <see cref="IOwnedData{TSelf}"/> set) that did not come from <see cref="Access"/>. So a handler that
/// reads recordings or check-ins its own way fails the first time any test runs it, instead of one
/// day showing someone else's data. Compiled queries are cached, so the check costs nothing per request.
/// </summary>
public sealed class HealthDataGuard : IQueryExpressionInterceptor
{
    public static HealthDataGuard Instance { get; } = new();

    public Expression QueryCompilationStarting(Expression queryExpression, QueryExpressionEventData eventData)
    {
        var scan = new Scan();
        scan.Visit(queryExpression);
        if (scan.OwnedRoot is { } type && !scan.Tagged)
        {
            throw new InvalidOperationException(
                $"A query over {type.Name} did not go through the access layer. Read and change people's health data only "
                + "through Features/Sharing/Access (Own, FindAsync, ListAsync), so that grants, consent and the access log apply.");
        }
        return queryExpression;
    }

    internal static bool IsOwnedData(Type type) =>
        type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IOwnedData<>));

    private sealed class Scan : ExpressionVisitor
    {
        public Type? OwnedRoot { get; private set; }

        public bool Tagged { get; private set; }

        protected override Expression VisitExtension(Expression node)
        {
            if (node is EntityQueryRootExpression root && IsOwnedData(root.EntityType.ClrType))
            {
                OwnedRoot ??= root.EntityType.ClrType;
            }
            return base.VisitExtension(node);
        }

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.Name == nameof(EntityFrameworkQueryableExtensions.TagWith)
                && node.Method.DeclaringType == typeof(EntityFrameworkQueryableExtensions)
                && node.Arguments.Count == 2 && node.Arguments[1] is ConstantExpression { Value: Access.Tag })
            {
                Tagged = true;
            }
            return base.VisitMethodCall(node);
        }
    }
}
