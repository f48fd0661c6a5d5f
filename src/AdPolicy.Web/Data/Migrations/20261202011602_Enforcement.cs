using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdPolicy.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Enforcement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateSequence(
                name: "violation_number_seq",
                startValue: 1001L);

            migrationBuilder.AddColumn<long>(
                name: "number",
                table: "violations",
                type: "bigint",
                nullable: false,
                defaultValueSql: "nextval('violation_number_seq')");

            migrationBuilder.AddColumn<bool>(
                name: "penalty_from_refused_refund",
                table: "violations",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "sanction_change_reason",
                table: "violations",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "sanction_changed_at",
                table: "violations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "sanction_changed_by_name",
                table: "violations",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "sanction_ends_at",
                table: "violations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "cancelled_for_deadline_id",
                table: "promotions",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "status_before_stop",
                table: "promotions",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "lift_reason",
                table: "ace_deadline_sanctions",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ace_enforcement_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    ad_account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    actor_id = table.Column<Guid>(type: "uuid", nullable: true),
                    actor_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    actor_kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    violation_id = table.Column<Guid>(type: "uuid", nullable: true),
                    complaint_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ace_enforcement_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_ace_enforcement_events_ad_accounts_ad_account_id",
                        column: x => x.ad_account_id,
                        principalTable: "ad_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ace_standing_checks",
                columns: table => new
                {
                    ad_account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ace_standing_checks", x => x.ad_account_id);
                    table.ForeignKey(
                        name: "fk_ace_standing_checks_ad_accounts_ad_account_id",
                        column: x => x.ad_account_id,
                        principalTable: "ad_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_violations_number",
                table: "violations",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_promotions_cancelled_for_deadline_id",
                table: "promotions",
                column: "cancelled_for_deadline_id");

            migrationBuilder.CreateIndex(
                name: "ix_ace_enforcement_events_ad_account_id_at",
                table: "ace_enforcement_events",
                columns: new[] { "ad_account_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_ace_standing_checks_due_at_ad_account_id",
                table: "ace_standing_checks",
                columns: new[] { "due_at", "ad_account_id" });

            // An account's enforcement history is an audit trail: append-only, like the case timelines.
            migrationBuilder.Sql("""
                CREATE TRIGGER ace_enforcement_events_append_only
                    BEFORE UPDATE OR DELETE ON ace_enforcement_events
                    FOR EACH ROW EXECUTE FUNCTION refuse_change_of_audit_row();
                """);

            // Ad plans already cancelled for a missed deadline whose sanction still stands: lifting it restores them.
            migrationBuilder.Sql("""
                UPDATE promotions p SET cancelled_for_deadline_id = s.deadline_id, status_before_stop = 'Active'
                FROM ace_deadline_sanctions s
                JOIN ace_deadlines d ON d.id = s.deadline_id
                JOIN ace_complaints c ON c.id = d.complaint_id
                WHERE s.sanction = 'CancelAdPlan' AND s.lifted_at IS NULL AND p.id = c.promotion_id AND p.status = 'Cancelled';
                """);

            // Every account with a record is due for the standing sweep, oldest record first.
            migrationBuilder.Sql("""
                INSERT INTO ace_standing_checks (ad_account_id, due_at)
                SELECT ad_account_id, min(recorded_at) FROM violations WHERE status = 'Active' GROUP BY ad_account_id;
                """);

            // A complaint overdue for review sorts above every other case in the default queue order (QueueItem.SortKey).
            migrationBuilder.Sql("UPDATE queue_items SET sort_due = coalesce(clock_due_at, filed_at) - interval '365000 days' WHERE overdue_for_review;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE queue_items SET sort_due = coalesce(clock_due_at, '9999-12-31'::timestamptz) WHERE overdue_for_review;");

            migrationBuilder.DropTable(
                name: "ace_enforcement_events");

            migrationBuilder.DropTable(
                name: "ace_standing_checks");

            migrationBuilder.DropIndex(
                name: "ix_violations_number",
                table: "violations");

            migrationBuilder.DropIndex(
                name: "ix_promotions_cancelled_for_deadline_id",
                table: "promotions");

            migrationBuilder.DropColumn(
                name: "number",
                table: "violations");

            migrationBuilder.DropColumn(
                name: "penalty_from_refused_refund",
                table: "violations");

            migrationBuilder.DropColumn(
                name: "sanction_change_reason",
                table: "violations");

            migrationBuilder.DropColumn(
                name: "sanction_changed_at",
                table: "violations");

            migrationBuilder.DropColumn(
                name: "sanction_changed_by_name",
                table: "violations");

            migrationBuilder.DropColumn(
                name: "sanction_ends_at",
                table: "violations");

            migrationBuilder.DropColumn(
                name: "cancelled_for_deadline_id",
                table: "promotions");

            migrationBuilder.DropColumn(
                name: "status_before_stop",
                table: "promotions");

            migrationBuilder.DropColumn(
                name: "lift_reason",
                table: "ace_deadline_sanctions");

            migrationBuilder.DropSequence(
                name: "violation_number_seq");
        }
    }
}
