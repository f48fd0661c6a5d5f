using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdPolicy.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class DuplicateComplaints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_ace_complaints_promotion_id",
                table: "ace_complaints");

            migrationBuilder.AddColumn<Guid>(
                name: "group_id",
                table: "ace_complaints",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            // Complaints filed before grouping stand alone: each is its own group.
            migrationBuilder.Sql("UPDATE ace_complaints SET group_id = id;");

            migrationBuilder.CreateIndex(
                name: "ix_ace_complaints_group_id",
                table: "ace_complaints",
                column: "group_id");

            migrationBuilder.CreateIndex(
                name: "ix_ace_complaints_promotion_id_category_filed_at",
                table: "ace_complaints",
                columns: new[] { "promotion_id", "category", "filed_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_ace_complaints_group_id",
                table: "ace_complaints");

            migrationBuilder.DropIndex(
                name: "ix_ace_complaints_promotion_id_category_filed_at",
                table: "ace_complaints");

            migrationBuilder.DropColumn(
                name: "group_id",
                table: "ace_complaints");

            migrationBuilder.CreateIndex(
                name: "ix_ace_complaints_promotion_id",
                table: "ace_complaints",
                column: "promotion_id");
        }
    }
}
