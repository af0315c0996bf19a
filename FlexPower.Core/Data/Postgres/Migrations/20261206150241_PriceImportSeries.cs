using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FlexPower.Core.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PriceImportSeries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "series",
                table: "imports",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            // The series of every price file imported so far, from its ledger message ("… into series day-ahead."), so
            // those files stay known per series.
            migrationBuilder.Sql("""
                UPDATE imports SET series = substring(message from ' into series ([a-z0-9_-]+)\.$')
                WHERE kind = 'Prices' AND status = 'Imported';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "series",
                table: "imports");
        }
    }
}
