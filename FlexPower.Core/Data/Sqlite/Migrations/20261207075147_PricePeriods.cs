using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FlexPower.Core.Data.Sqlite.Migrations
{
    /// <summary>
    /// Issue 19: a reference price is the price of a delivery period of a Berlin day — its first quarter-hour and length in
    /// quarters (1 or 4) — rather than of a delivery hour. Every stored price becomes its hour: the 60-minute period from the
    /// hour's first quarter (the autumn day's hour 2 its first occurrence, as migration QuarterAggregates placed trades), its
    /// delivery hour and price kept. Cached day marks stay valid: every quarter keeps the price it had.
    /// </summary>
    public partial class PricePeriods : Migration
    {
        // The quarter a legacy hour starts at: Berlin's clocks change between 02:00 and 03:00 on the last Sunday of March
        // (no hour 2: 92 quarters) and of October (from 1996; September before: hour 2 twice, the stored one the first).
        private const string FirstQuarter = """
            CASE
                WHEN CAST(substr(delivery_day, 1, 4) AS INTEGER) >= 1981 AND CAST(substr(delivery_day, 6, 2) AS INTEGER) = 3 AND CAST(substr(delivery_day, 9, 2) AS INTEGER) >= 25 AND strftime('%w', delivery_day) = '0' AND delivery_hour >= 3
                    THEN (delivery_hour - 1) * 4
                WHEN CAST(substr(delivery_day, 1, 4) AS INTEGER) >= 1981 AND strftime('%w', delivery_day) = '0' AND delivery_hour >= 3
                     AND ((CAST(substr(delivery_day, 1, 4) AS INTEGER) >= 1996 AND CAST(substr(delivery_day, 6, 2) AS INTEGER) = 10 AND CAST(substr(delivery_day, 9, 2) AS INTEGER) >= 25) OR (CAST(substr(delivery_day, 1, 4) AS INTEGER) < 1996 AND CAST(substr(delivery_day, 6, 2) AS INTEGER) = 9 AND CAST(substr(delivery_day, 9, 2) AS INTEGER) >= 24))
                    THEN (delivery_hour + 1) * 4
                ELSE delivery_hour * 4
            END
            """;

        // SQLite changes a primary key by rebuilding the table. Done here rather than by EF's rebuild, which runs its last
        // steps outside the migration's transaction (PRAGMA foreign_keys, which this table without foreign keys does not need).
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                CREATE TABLE "ef_temp_reference_prices" (
                    "series" TEXT NOT NULL,
                    "delivery_day" TEXT NOT NULL,
                    "first_quarter" INTEGER NOT NULL,
                    "delivery_hour" INTEGER NULL,
                    "import_id" INTEGER NOT NULL,
                    "price_cents" INTEGER NOT NULL,
                    "quarters" INTEGER NOT NULL,
                    CONSTRAINT "PK_reference_prices" PRIMARY KEY ("series", "delivery_day", "first_quarter")
                );
                INSERT INTO "ef_temp_reference_prices" ("series", "delivery_day", "first_quarter", "delivery_hour", "import_id", "price_cents", "quarters")
                SELECT series, delivery_day, {FirstQuarter}, delivery_hour, import_id, price_cents, 4 FROM reference_prices;
                DROP TABLE "reference_prices";
                ALTER TABLE "ef_temp_reference_prices" RENAME TO "reference_prices";
                """);
        }

        /// <summary>Back to delivery hours: the hourly periods keep their hour; quarter-hour prices and the autumn day's repeated hour have none and are dropped.</summary>
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE "ef_temp_reference_prices" (
                    "series" TEXT NOT NULL,
                    "delivery_day" TEXT NOT NULL,
                    "delivery_hour" INTEGER NOT NULL,
                    "import_id" INTEGER NOT NULL,
                    "price_cents" INTEGER NOT NULL,
                    CONSTRAINT "PK_reference_prices" PRIMARY KEY ("series", "delivery_day", "delivery_hour")
                );
                INSERT INTO "ef_temp_reference_prices" ("series", "delivery_day", "delivery_hour", "import_id", "price_cents")
                SELECT series, delivery_day, delivery_hour, import_id, price_cents FROM reference_prices WHERE quarters = 4 AND delivery_hour IS NOT NULL;
                DROP TABLE "reference_prices";
                ALTER TABLE "ef_temp_reference_prices" RENAME TO "reference_prices";
                """);
        }
    }
}
