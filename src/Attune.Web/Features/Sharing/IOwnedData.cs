using System.Linq.Expressions;

namespace Attune.Web.Features.Sharing;

/// <summary>
/// A row of one person's health data. Every query over such a set goes through <see cref="Access"/>;
/// <see cref="HealthDataGuard"/> refuses any that does not.
/// </summary>
public interface IOwnedData<TSelf> where TSelf : class, IOwnedData<TSelf>
{
    Guid Id { get; }

    Guid OwnerId { get; }

    /// <summary>The stream a grant must cover for someone else to read these rows.</summary>
    static abstract DataStream Stream { get; }

    /// <summary>
    /// Which of the owner's rows a grantee may see at all, on top of the grant: everything by default;
    /// check-ins, for example, only those their owner marked as shared.
    /// </summary>
    static virtual Expression<Func<TSelf, bool>> VisibleToGrantees => _ => true;
}
