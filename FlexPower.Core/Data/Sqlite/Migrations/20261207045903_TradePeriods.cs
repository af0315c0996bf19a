using FlexPower.Core.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FlexPower.Core.Data.Sqlite.Migrations
{
    /// <summary>
    /// A trade's delivery period and product, and its quantity in tenths of MW (issue 19): every stored trade becomes its
    /// 60-minute period (the autumn day's hour 2 its first occurrence), quantity × 10, no product.
    /// </summary>
    public partial class TradePeriods : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "quantity",
                table: "trades",
                newName: "quantity_tenths");

            migrationBuilder.AddColumn<string>(
                name: "delivery_end_utc",
                table: "trades",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "delivery_start_utc",
                table: "trades",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "product",
                table: "trades",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            // SQLite's datetime() writes yyyy-MM-dd HH:mm:ss, the stored form of a whole-second instant.
            migrationBuilder.Sql($"""
                UPDATE trades SET
                    quantity_tenths = quantity_tenths * 10,
                    delivery_start_utc = {SqliteFunctions.BerlinHourStartUtc}(delivery_day, delivery_hour),
                    delivery_end_utc = datetime({SqliteFunctions.BerlinHourStartUtc}(delivery_day, delivery_hour), '+1 hour');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE trades SET quantity_tenths = quantity_tenths / 10;");

            migrationBuilder.DropColumn(
                name: "delivery_end_utc",
                table: "trades");

            migrationBuilder.DropColumn(
                name: "delivery_start_utc",
                table: "trades");

            migrationBuilder.DropColumn(
                name: "product",
                table: "trades");

            migrationBuilder.RenameColumn(
                name: "quantity_tenths",
                table: "trades",
                newName: "quantity");
        }
    }
}
