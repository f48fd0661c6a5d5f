using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdPolicy.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Locale : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "language",
                table: "users",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "time_zone",
                table: "users",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "complainant_language",
                table: "ace_complaints",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "language",
                table: "users");

            migrationBuilder.DropColumn(
                name: "time_zone",
                table: "users");

            migrationBuilder.DropColumn(
                name: "complainant_language",
                table: "ace_complaints");
        }
    }
}
