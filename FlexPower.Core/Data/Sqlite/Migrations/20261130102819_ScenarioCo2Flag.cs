using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FlexPower.Core.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ScenarioCo2Flag : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Scenarios saved before this column reopened with CO2 priced, so that is what they keep.
            migrationBuilder.AddColumn<bool>(
                name: "include_co2",
                table: "planner_scenarios",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "include_co2",
                table: "planner_scenarios");
        }
    }
}
