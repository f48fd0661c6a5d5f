using AdPolicy.Web.Data;
using AdPolicy.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace AdPolicy.Web.Queue;

public sealed record StaffMember(Guid Id, string Name, string Role);

/// <summary>Who can be given a case: staff in the wanted roles whose accounts are not disabled.</summary>
public static class StaffDirectory
{
    public static async Task<List<StaffMember>> ListAsync(AppDbContext db, params string[] roles)
    {
        var wanted = roles.Length == 0 ? [Roles.Support, Roles.Reviewer, Roles.Admin] : roles;
        return await (
            from user in db.Users
            join userRole in db.UserRoles on user.Id equals userRole.UserId
            join role in db.Roles on userRole.RoleId equals role.Id
            where wanted.Contains(role.Name!) && user.DisabledAt == null
            orderby user.DisplayName
            select new StaffMember(user.Id, user.DisplayName, role.Name!)).ToListAsync();
    }

    /// <summary>
    /// A support agent for a disputed case: not the one who made the decision being disputed (when anyone else is
    /// available), and the one with the fewest open cases.
    /// </summary>
    public static async Task<StaffMember?> PickForDisputeAsync(AppDbContext db, Guid? decidedBy)
    {
        var agents = await ListAsync(db, Roles.Support);
        if (agents.Count == 0)
        {
            return null;
        }

        var others = agents.Where(a => a.Id != decidedBy).ToList();
        var pool = others.Count > 0 ? others : agents;
        var ids = pool.Select(a => a.Id).ToList();
        var load = await db.QueueItems.Where(q => q.AssigneeId != null && ids.Contains(q.AssigneeId.Value))
            .GroupBy(q => q.AssigneeId)
            .Select(g => new { Id = g.Key!.Value, Count = g.Count() })
            .ToDictionaryAsync(x => x.Id, x => x.Count);
        return pool.OrderBy(a => load.GetValueOrDefault(a.Id)).ThenBy(a => a.Name, StringComparer.Ordinal).First();
    }
}
