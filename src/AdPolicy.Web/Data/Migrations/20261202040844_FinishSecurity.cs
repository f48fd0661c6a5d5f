using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdPolicy.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class FinishSecurity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "complaint_submissions",
                columns: table => new
                {
                    key_hash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    complaint_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_complaint_submissions", x => x.key_hash);
                    table.ForeignKey(
                        name: "fk_complaint_submissions_ace_complaints_complaint_id",
                        column: x => x.complaint_id,
                        principalTable: "ace_complaints",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_complaint_submissions_complaint_id",
                table: "complaint_submissions",
                column: "complaint_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "complaint_submissions");
        }
    }
}
