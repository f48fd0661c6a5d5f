using System.Data.Common;
using AdPolicy.Web.Data;
using AdPolicy.Web.Queue;
using AdPolicy.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AdPolicy.Web.Tests.Queue;

/// <summary>
/// The queue reads what it shows (issue 17): every kind of page — as it opens, its next page, a filtered one, a search —
/// selects the row's columns but not its search text (up to 2,000 characters) or that text's words, which only its
/// WHERE uses; and the rows still carry everything the page shows.
/// </summary>
public sealed class QueueReadTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task EveryQueuePage_SelectsNeitherTheSearchTextNorItsWords_AndItsRowsCarryWhatThePageShows()
    {
        var advertiser = await app.CreateAdvertiserAsync();
        var promotion = await app.CreatePromotionAsync(advertiser.Account, spent: 10_000m);
        var filed = await QueuePage.FileSixtyInRunsOfTwentyAsync(app, advertiser, promotion);
        var statements = new List<string>();
        var options = new DbContextOptionsBuilder<AppDbContext>(AppDbContext.Options(app.ConnectionString)).AddInterceptors(new Recorder(statements)).Options;
        await using var db = new AppDbContext(options);
        var now = app.Clock.GetUtcNow();

        var first = await QueueQuery.ReadAsync(db, new QueueFilter(), Guid.NewGuid(), now, 20, CancellationToken.None);
        var next = await QueueQuery.ReadAsync(db, new QueueFilter { After = first.NextCursor }, Guid.NewGuid(), now, 20, CancellationToken.None);
        var theirs = await QueueQuery.ReadAsync(db, new QueueFilter { Organisation = advertiser.Organisation.Id }, Guid.NewGuid(), now, 100, CancellationToken.None);
        var searched = await QueueQuery.ReadAsync(db, new QueueFilter { Q = filed[0].Reference }, Guid.NewGuid(), now, 20, CancellationToken.None);

        // Every other column is read: a column added to the queue row and left out of the page's projection would show
        // as its default on the page.
        var type = db.Model.FindEntityType(typeof(QueueItem))!;
        var table = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var shown = type.GetProperties().Select(p => p.GetColumnName(table)!).Where(c => c is not ("search_text" or "search_vector")).ToList();
        Assert.Equal(4, statements.Count);
        Assert.All(statements, sql =>
        {
            var selected = sql[..sql.IndexOf("FROM queue_items", StringComparison.Ordinal)];
            Assert.DoesNotContain("search_text", selected, StringComparison.Ordinal);
            Assert.DoesNotContain("search_vector", selected, StringComparison.Ordinal);
            Assert.All(shown, column => Assert.Contains($"q.{column}", selected, StringComparison.Ordinal));
        });
        Assert.Contains("search_", statements[3][statements[3].IndexOf("WHERE", StringComparison.Ordinal)..], StringComparison.Ordinal);

        Assert.Equal(20, first.Lines.Count);
        Assert.NotEmpty(next.Lines);
        Assert.Equal(filed.Select(f => f.Reference).Order(), theirs.Lines.Select(l => l.Item.Reference).Order());
        var line = Assert.Single(searched.Lines);
        Assert.Equal(filed[0].Reference, line.Item.Reference);
        Assert.Equal(advertiser.Organisation.Name, line.OrganisationName);
        Assert.False(string.IsNullOrEmpty(line.Item.Subject));
        Assert.False(string.IsNullOrEmpty(line.Item.Status));
        Assert.NotEqual(default, line.Item.FiledAt);
        Assert.NotEqual(default, line.Item.CaseId);
    }

    private sealed class Recorder(List<string> statements) : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("FROM queue_items", StringComparison.Ordinal))
            {
                statements.Add(command.CommandText);
            }

            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
