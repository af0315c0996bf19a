using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FlexPower.Core.Data.Sqlite.Migrations
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
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            // The series of every price file imported so far, from its ledger message ("… into series day-ahead."), so
            // those files stay known per series.
            migrationBuilder.Sql("""
                UPDATE imports SET series = substr(message, instr(message, ' into series ') + 13, length(message) - instr(message, ' into series ') - 13)
                WHERE kind = 'Prices' AND status = 'Imported' AND instr(message, ' into series ') > 0 AND message LIKE '%.';
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
