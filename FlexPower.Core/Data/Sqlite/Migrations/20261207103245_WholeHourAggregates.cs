using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FlexPower.Core.Data.Sqlite.Migrations
{
    /// <summary>
    /// A row of <c>trade_quarters</c> covers <c>quarters</c> quarter-hours from its first (1, or 4 for a whole clock hour),
    /// so an import of hourly trades writes a row per hour instead of four. The rows stored so far each cover their one
    /// quarter, and readers sum every row covering a quarter, so they keep their meaning unchanged.
    /// </summary>
    public partial class WholeHourAggregates : Migration
    {
        // SQLite changes a primary key by rebuilding the table; by hand, to keep it WITHOUT ROWID (see QuarterAggregates).
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE "ef_temp_trade_quarters" (
                    "trader_id" TEXT NOT NULL,
                    "delivery_day" TEXT NOT NULL,
                    "quarter" INTEGER NOT NULL,
                    "quarters" INTEGER NOT NULL,
                    "delivery_hour" INTEGER NULL,
                    "trade_count" INTEGER NOT NULL,
                    "buy_kwh" INTEGER NOT NULL,
                    "sell_kwh" INTEGER NOT NULL,
                    "buy_millicents" INTEGER NOT NULL,
                    "sell_millicents" INTEGER NOT NULL,
                    CONSTRAINT "PK_trade_quarters" PRIMARY KEY ("trader_id", "delivery_day", "quarter", "quarters")
                ) WITHOUT ROWID;
                INSERT INTO "ef_temp_trade_quarters" (trader_id, delivery_day, quarter, quarters, delivery_hour, trade_count, buy_kwh, sell_kwh, buy_millicents, sell_millicents)
                SELECT trader_id, delivery_day, quarter, 1, delivery_hour, trade_count, buy_kwh, sell_kwh, buy_millicents, sell_millicents FROM trade_quarters;
                DROP TABLE "trade_quarters";
                ALTER TABLE "ef_temp_trade_quarters" RENAME TO "trade_quarters";
                """);
        }

        /// <summary>Back to a row per quarter: each hour's row shared among its four quarters, its count on the first, rows of one quarter summed.</summary>
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE "ef_temp_trade_quarters" (
                    "trader_id" TEXT NOT NULL,
                    "delivery_day" TEXT NOT NULL,
                    "quarter" INTEGER NOT NULL,
                    "delivery_hour" INTEGER NULL,
                    "trade_count" INTEGER NOT NULL,
                    "buy_kwh" INTEGER NOT NULL,
                    "sell_kwh" INTEGER NOT NULL,
                    "buy_millicents" INTEGER NOT NULL,
                    "sell_millicents" INTEGER NOT NULL,
                    CONSTRAINT "PK_trade_quarters" PRIMARY KEY ("trader_id", "delivery_day", "quarter")
                ) WITHOUT ROWID;
                INSERT INTO "ef_temp_trade_quarters" (trader_id, delivery_day, quarter, delivery_hour, trade_count, buy_kwh, sell_kwh, buy_millicents, sell_millicents)
                SELECT trader_id, delivery_day, quarter + o.o, delivery_hour, SUM(CASE WHEN o.o = 0 THEN trade_count ELSE 0 END),
                       SUM(buy_kwh / quarters), SUM(sell_kwh / quarters), SUM(buy_millicents / quarters), SUM(sell_millicents / quarters)
                FROM trade_quarters JOIN (SELECT 0 AS o UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) o ON o.o < quarters
                GROUP BY trader_id, delivery_day, quarter + o.o, delivery_hour;
                DROP TABLE "trade_quarters";
                ALTER TABLE "ef_temp_trade_quarters" RENAME TO "trade_quarters";
                """);
        }
    }
}
