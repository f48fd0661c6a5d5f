using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdPolicy.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class StoppedLiftedAndCheckedAsFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "removed_why",
                table: "violations",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "check_found",
                table: "review_evidence_versions",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "check_measured",
                table: "review_evidence_versions",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "check_found",
                table: "review_evidence_items",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "check_measured",
                table: "review_evidence_items",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "status_why",
                table: "promotions",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "status_why",
                table: "ads",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "lift_why",
                table: "ace_deadline_sanctions",
                type: "jsonb",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "removed_why",
                table: "violations");

            migrationBuilder.DropColumn(
                name: "check_found",
                table: "review_evidence_versions");

            migrationBuilder.DropColumn(
                name: "check_measured",
                table: "review_evidence_versions");

            migrationBuilder.DropColumn(
                name: "check_found",
                table: "review_evidence_items");

            migrationBuilder.DropColumn(
                name: "check_measured",
                table: "review_evidence_items");

            migrationBuilder.DropColumn(
                name: "status_why",
                table: "promotions");

            migrationBuilder.DropColumn(
                name: "status_why",
                table: "ads");

            migrationBuilder.DropColumn(
                name: "lift_why",
                table: "ace_deadline_sanctions");
        }
    }
}
