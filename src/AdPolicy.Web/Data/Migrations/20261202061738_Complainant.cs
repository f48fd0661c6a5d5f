using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdPolicy.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Complainant : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "is_sealed",
                table: "outbox_messages",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "complainant_number",
                table: "ace_complaints",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "contest_decided_at",
                table: "ace_complaints",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "contest_decided_by_id",
                table: "ace_complaints",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "contest_decided_by_name",
                table: "ace_complaints",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "contest_reason",
                table: "ace_complaints",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "contested_at",
                table: "ace_complaints",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "rejected_by_id",
                table: "ace_complaints",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "rejected_by_name",
                table: "ace_complaints",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            // Complaints filed before pseudonyms: each address gets its number per advertiser, in order of its first complaint.
            migrationBuilder.Sql("""
                WITH firsts AS (
                    SELECT organisation_id, lower(complainant_email) AS email, min(filed_at) AS first_at
                    FROM ace_complaints GROUP BY organisation_id, lower(complainant_email)),
                numbered AS (
                    SELECT organisation_id, email, row_number() OVER (PARTITION BY organisation_id ORDER BY first_at, email) AS n FROM firsts)
                UPDATE ace_complaints c SET complainant_number = numbered.n
                FROM numbered
                WHERE numbered.organisation_id = c.organisation_id AND numbered.email = lower(c.complainant_email);
                """);

            // "Lost your link?" finds an address's complaints whatever its case with one index probe, known address or not.
            migrationBuilder.Sql("CREATE INDEX ix_ace_complaints_email_lower ON ace_complaints (lower(complainant_email));");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_ace_complaints_email_lower;");

            migrationBuilder.DropColumn(
                name: "is_sealed",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "complainant_number",
                table: "ace_complaints");

            migrationBuilder.DropColumn(
                name: "contest_decided_at",
                table: "ace_complaints");

            migrationBuilder.DropColumn(
                name: "contest_decided_by_id",
                table: "ace_complaints");

            migrationBuilder.DropColumn(
                name: "contest_decided_by_name",
                table: "ace_complaints");

            migrationBuilder.DropColumn(
                name: "contest_reason",
                table: "ace_complaints");

            migrationBuilder.DropColumn(
                name: "contested_at",
                table: "ace_complaints");

            migrationBuilder.DropColumn(
                name: "rejected_by_id",
                table: "ace_complaints");

            migrationBuilder.DropColumn(
                name: "rejected_by_name",
                table: "ace_complaints");
        }
    }
}
