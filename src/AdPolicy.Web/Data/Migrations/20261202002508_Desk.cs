using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace AdPolicy.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Desk : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "first_response_at",
                table: "refund_requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "first_response_met",
                table: "refund_requests",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "staff_responded_at",
                table: "refund_requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "search_text",
                table: "queue_items",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            // Issue 14: the rows already in the queue get their search text from their cases (the projection writes it from
            // now on), and answered refund cases their first response.
            migrationBuilder.Sql("""
                -- The rows already in the queue get their text from their cases (the projection writes it from now on).
                UPDATE queue_items q SET search_text = lower(left(concat_ws(' ', q.reference, o.name, p.external_campaign_id,
                        (SELECT string_agg(a.external_ad_id, ' ' ORDER BY a.external_ad_id) FROM ads a WHERE a.promotion_id = p.id)), 2000))
                FROM refund_requests r
                JOIN promotions p ON p.id = r.promotion_id
                JOIN organisations o ON o.id = r.organisation_id
                WHERE q.case_id = r.id;

                UPDATE queue_items q SET search_text = lower(left(concat_ws(' ', q.reference, o.name, p.external_campaign_id,
                        (SELECT string_agg(a.external_ad_id, ' ' ORDER BY a.external_ad_id) FROM ads a
                         WHERE (c.ad_id IS NULL AND a.promotion_id = p.id) OR a.id = c.ad_id),
                        c.complainant_email), 2000))
                FROM ace_complaints c
                JOIN promotions p ON p.id = c.promotion_id
                JOIN organisations o ON o.id = c.organisation_id
                WHERE q.case_id = c.id;

                UPDATE queue_items q SET search_text = lower(concat_ws(' ', q.reference, o.name))
                FROM organisations o
                WHERE o.id = q.organisation_id AND q.search_text = '';
                """);
            migrationBuilder.Sql("""
                -- Cases already answered: their first staff answer from the timeline, judged against the first-response target of the
                -- policy version in force when they were filed (the pauses of the past are not replayed).
                UPDATE refund_requests r SET first_response_at = e.at,
                       first_response_met = e.at <= r.filed_at + make_interval(hours => coalesce(
                           (SELECT (v.settings ->> 'FirstResponseHours')::int FROM policy_versions v
                            WHERE v.effective_from <= r.filed_at ORDER BY v.version DESC LIMIT 1),
                           (SELECT (v.settings ->> 'FirstResponseHours')::int FROM policy_versions v ORDER BY v.version LIMIT 1),
                           48))
                FROM (SELECT refund_request_id, min(at) AS at FROM refund_events
                      WHERE kind IN ('StaffReplied', 'InformationRequested', 'Approved', 'PartiallyApproved', 'Denied')
                      GROUP BY refund_request_id) e
                WHERE e.refund_request_id = r.id;
                UPDATE refund_requests r SET staff_responded_at =
                        (SELECT max(at) FROM refund_events e WHERE e.refund_request_id = r.id
                           AND e.kind IN ('StaffReplied', 'InformationRequested', 'Approved', 'PartiallyApproved', 'Denied')
                           AND e.at >= coalesce((SELECT max(d.at) FROM refund_events d WHERE d.refund_request_id = r.id AND d.kind = 'Disputed'), '-infinity'));
                """);

            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "search_vector",
                table: "queue_items",
                type: "tsvector",
                nullable: false)
                .Annotation("Npgsql:TsVectorConfig", "simple")
                .Annotation("Npgsql:TsVectorProperties", new[] { "search_text" });

            migrationBuilder.CreateTable(
                name: "saved_views",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    query = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_saved_views", x => x.id);
                    table.ForeignKey(
                        name: "fk_saved_views_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_refund_requests_decided_at",
                table: "refund_requests",
                column: "decided_at");

            migrationBuilder.CreateIndex(
                name: "ix_refund_requests_first_response_at",
                table: "refund_requests",
                column: "first_response_at");

            migrationBuilder.CreateIndex(
                name: "ix_queue_items_search_trgm",
                table: "queue_items",
                column: "search_text")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_queue_items_search_words",
                table: "queue_items",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_at",
                table: "ledger_entries",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_ace_deadlines_due_at",
                table: "ace_deadlines",
                column: "due_at");

            migrationBuilder.CreateIndex(
                name: "ix_ace_complaints_decided_at",
                table: "ace_complaints",
                column: "decided_at");

            migrationBuilder.CreateIndex(
                name: "ix_saved_views_user_id_name",
                table: "saved_views",
                columns: new[] { "user_id", "name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "saved_views");

            migrationBuilder.DropIndex(
                name: "ix_refund_requests_decided_at",
                table: "refund_requests");

            migrationBuilder.DropIndex(
                name: "ix_refund_requests_first_response_at",
                table: "refund_requests");

            migrationBuilder.DropIndex(
                name: "ix_queue_items_search_trgm",
                table: "queue_items");

            migrationBuilder.DropIndex(
                name: "ix_queue_items_search_words",
                table: "queue_items");

            migrationBuilder.DropIndex(
                name: "ix_ledger_entries_at",
                table: "ledger_entries");

            migrationBuilder.DropIndex(
                name: "ix_ace_deadlines_due_at",
                table: "ace_deadlines");

            migrationBuilder.DropIndex(
                name: "ix_ace_complaints_decided_at",
                table: "ace_complaints");

            migrationBuilder.DropColumn(
                name: "first_response_at",
                table: "refund_requests");

            migrationBuilder.DropColumn(
                name: "first_response_met",
                table: "refund_requests");

            migrationBuilder.DropColumn(
                name: "staff_responded_at",
                table: "refund_requests");

            migrationBuilder.DropColumn(
                name: "search_text",
                table: "queue_items");

            migrationBuilder.DropColumn(
                name: "search_vector",
                table: "queue_items");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
