using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdPolicy.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AppealRounds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<TimeSpan>(
                name: "review_paused_remaining",
                table: "review_requests",
                type: "interval",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "replacement_requested",
                table: "review_evidence_items",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "version_number",
                table: "review_evidence_items",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "review_evidence_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    review_request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    replaced_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    evidence_file_id = table.Column<Guid>(type: "uuid", nullable: true),
                    supporting_file_id = table.Column<Guid>(type: "uuid", nullable: true),
                    attached_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    attached_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    check_passed = table.Column<bool>(type: "boolean", nullable: true),
                    check_summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    check_findings = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    verdict = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    verdict_note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    reviewed_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reviewed_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    reviewed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_review_evidence_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_review_evidence_versions_evidence_files_evidence_file_id",
                        column: x => x.evidence_file_id,
                        principalTable: "evidence_files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_review_evidence_versions_evidence_files_supporting_file_id",
                        column: x => x.supporting_file_id,
                        principalTable: "evidence_files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_review_evidence_versions_review_evidence_items_item_id",
                        column: x => x.item_id,
                        principalTable: "review_evidence_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_review_evidence_versions_review_requests_review_request_id",
                        column: x => x.review_request_id,
                        principalTable: "review_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_review_evidence_versions_evidence_file_id",
                table: "review_evidence_versions",
                column: "evidence_file_id");

            migrationBuilder.CreateIndex(
                name: "ix_review_evidence_versions_item_id_number",
                table: "review_evidence_versions",
                columns: new[] { "item_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_review_evidence_versions_review_request_id",
                table: "review_evidence_versions",
                column: "review_request_id");

            migrationBuilder.CreateIndex(
                name: "ix_review_evidence_versions_supporting_file_id",
                table: "review_evidence_versions",
                column: "supporting_file_id");

            // An item that already has a file is on its first version; earlier versions are kept as they were
            // (refuse_change_of_audit_row is the Baseline's function for the other append-only trails).
            migrationBuilder.Sql("""
                UPDATE review_evidence_items SET version_number = 1 WHERE evidence_file_id IS NOT NULL;

                CREATE TRIGGER review_evidence_versions_append_only
                    BEFORE UPDATE OR DELETE ON review_evidence_versions
                    FOR EACH ROW EXECUTE FUNCTION refuse_change_of_audit_row();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "review_evidence_versions");

            migrationBuilder.DropColumn(
                name: "review_paused_remaining",
                table: "review_requests");

            migrationBuilder.DropColumn(
                name: "replacement_requested",
                table: "review_evidence_items");

            migrationBuilder.DropColumn(
                name: "version_number",
                table: "review_evidence_items");
        }
    }
}
