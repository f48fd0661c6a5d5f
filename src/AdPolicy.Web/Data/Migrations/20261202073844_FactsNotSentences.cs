using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdPolicy.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class FactsNotSentences : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "facts",
                table: "review_events",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "facts",
                table: "refund_events",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "text",
                table: "ace_enforcement_events",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(4000)",
                oldMaxLength: 4000);

            migrationBuilder.AddColumn<string>(
                name: "data",
                table: "ace_enforcement_events",
                type: "jsonb",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "outcome_data",
                table: "ace_deadlines",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "facts",
                table: "ace_complaint_events",
                type: "jsonb",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "facts",
                table: "review_events");

            migrationBuilder.DropColumn(
                name: "facts",
                table: "refund_events");

            migrationBuilder.DropColumn(
                name: "data",
                table: "ace_enforcement_events");

            migrationBuilder.DropColumn(
                name: "outcome_data",
                table: "ace_deadlines");

            migrationBuilder.DropColumn(
                name: "facts",
                table: "ace_complaint_events");

            migrationBuilder.AlterColumn<string>(
                name: "text",
                table: "ace_enforcement_events",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(4000)",
                oldMaxLength: 4000,
                oldNullable: true);
        }
    }
}
