using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FlexPower.Core.Data.Postgres.Migrations
{
    /// <summary>
    /// A row of <c>trade_quarters</c> covers <c>quarters</c> quarter-hours from its first (1, or 4 for a whole clock hour),
    /// so an import of hourly trades writes a row per hour instead of four. The rows stored so far each cover their one
    /// quarter, and readers sum every row covering a quarter, so they keep their meaning unchanged.
    /// </summary>
    public partial class WholeHourAggregates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(name: "PK_trade_quarters", table: "trade_quarters");
            migrationBuilder.AddColumn<int>(name: "quarters", table: "trade_quarters", type: "integer", nullable: false, defaultValue: 1);
            migrationBuilder.Sql("ALTER TABLE trade_quarters ALTER COLUMN quarters DROP DEFAULT;"); // the default only fills the rows stored so far, as a new database has none
            migrationBuilder.AddPrimaryKey(name: "PK_trade_quarters", table: "trade_quarters", columns: ["trader_id", "delivery_day", "quarter", "quarters"]);
        }

        /// <summary>Back to a row per quarter: each hour's row shared among its four quarters, its count on the first, rows of one quarter summed.</summary>
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(name: "PK_trade_quarters", table: "trade_quarters");
            migrationBuilder.Sql("""
                CREATE TEMPORARY TABLE spelled_quarters ON COMMIT DROP AS
                SELECT trader_id, delivery_day, quarter + o.o AS quarter, delivery_hour, SUM(CASE WHEN o.o = 0 THEN trade_count ELSE 0 END) AS trade_count,
                       SUM(buy_kwh / quarters) AS buy_kwh, SUM(sell_kwh / quarters) AS sell_kwh, SUM(buy_millicents / quarters) AS buy_millicents, SUM(sell_millicents / quarters) AS sell_millicents
                FROM trade_quarters JOIN (SELECT 0 AS o UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) o ON o.o < quarters
                GROUP BY trader_id, delivery_day, quarter + o.o, delivery_hour;
                DELETE FROM trade_quarters;
                INSERT INTO trade_quarters (trader_id, delivery_day, quarter, quarters, delivery_hour, trade_count, buy_kwh, sell_kwh, buy_millicents, sell_millicents)
                SELECT trader_id, delivery_day, quarter, 1, delivery_hour, trade_count, buy_kwh, sell_kwh, buy_millicents, sell_millicents FROM spelled_quarters;
                """);
            migrationBuilder.DropColumn(name: "quarters", table: "trade_quarters");
            migrationBuilder.AddPrimaryKey(name: "PK_trade_quarters", table: "trade_quarters", columns: ["trader_id", "delivery_day", "quarter"]);
        }
    }
}
