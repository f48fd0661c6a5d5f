using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdPolicy.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class CaseCore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "decision_policy_version",
                table: "review_requests",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "data",
                table: "review_events",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "data",
                table: "refund_events",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "data",
                table: "ace_complaint_events",
                type: "jsonb",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "decision_policy_version",
                table: "review_requests");

            migrationBuilder.DropColumn(
                name: "data",
                table: "review_events");

            migrationBuilder.DropColumn(
                name: "data",
                table: "refund_events");

            migrationBuilder.DropColumn(
                name: "data",
                table: "ace_complaint_events");
        }
    }
}
