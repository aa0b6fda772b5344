using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WebPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class AccountsAndAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<long>(
                name: "LastSignInAt",
                table: "Users",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(DateTimeOffset),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<long>(
                name: "CreatedAt",
                table: "Users",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(DateTimeOffset),
                oldType: "TEXT");

            migrationBuilder.AddColumn<bool>(
                name: "IsAdmin",
                table: "Users",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "NormalizedDisplayName",
                table: "Users",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "NormalizedEmail",
                table: "Users",
                type: "TEXT",
                maxLength: 320,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LastRefreshAttemptAt",
                table: "ProviderConnections",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastRefreshOutcome",
                table: "ProviderConnections",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReconnectReason",
                table: "ProviderConnections",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ActorUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SubjectUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SubjectName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Provider = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ExternalUserId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ClientIp = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Users_IsAdmin",
                table: "Users",
                column: "IsAdmin");

            migrationBuilder.CreateIndex(
                name: "IX_Users_LastSignInAt_Id",
                table: "Users",
                columns: new[] { "LastSignInAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Users_NormalizedDisplayName_Id",
                table: "Users",
                columns: new[] { "NormalizedDisplayName", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Users_NormalizedEmail",
                table: "Users",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "IX_ProviderConnections_Provider_Status_UserId",
                table: "ProviderConnections",
                columns: new[] { "Provider", "Status", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_ProviderConnections_ProviderUserId",
                table: "ProviderConnections",
                column: "ProviderUserId");

            migrationBuilder.CreateIndex(
                name: "IX_ProviderConnections_Status_UserId",
                table: "ProviderConnections",
                columns: new[] { "Status", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Action_Id",
                table: "AuditEntries",
                columns: new[] { "Action", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_ActorUserId_Id",
                table: "AuditEntries",
                columns: new[] { "ActorUserId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_SubjectUserId_Id",
                table: "AuditEntries",
                columns: new[] { "SubjectUserId", "Id" });

            // Rows written before this migration: times were text, and the normalized names did not exist yet.
            // 1721425.5 is the Julian day of 0001-01-01, where .NET ticks start; SQLite's upper() folds ASCII only, so
            // other scripts are normalized again when the person next changes their name.
            migrationBuilder.Sql("UPDATE \"Users\" SET \"CreatedAt\" = CAST(round((julianday(\"CreatedAt\") - 1721425.5) * 864000000000) AS INTEGER) WHERE typeof(\"CreatedAt\") = 'text';");
            migrationBuilder.Sql("UPDATE \"Users\" SET \"LastSignInAt\" = CAST(round((julianday(\"LastSignInAt\") - 1721425.5) * 864000000000) AS INTEGER) WHERE typeof(\"LastSignInAt\") = 'text';");
            migrationBuilder.Sql("UPDATE \"Users\" SET \"NormalizedDisplayName\" = upper(trim(\"DisplayName\")), \"NormalizedEmail\" = upper(trim(\"Email\"));");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_Users_IsAdmin",
                table: "Users");

            migrationBuilder.DropIndex(
                name: "IX_Users_LastSignInAt_Id",
                table: "Users");

            migrationBuilder.DropIndex(
                name: "IX_Users_NormalizedDisplayName_Id",
                table: "Users");

            migrationBuilder.DropIndex(
                name: "IX_Users_NormalizedEmail",
                table: "Users");

            migrationBuilder.DropIndex(
                name: "IX_ProviderConnections_Provider_Status_UserId",
                table: "ProviderConnections");

            migrationBuilder.DropIndex(
                name: "IX_ProviderConnections_ProviderUserId",
                table: "ProviderConnections");

            migrationBuilder.DropIndex(
                name: "IX_ProviderConnections_Status_UserId",
                table: "ProviderConnections");

            migrationBuilder.DropColumn(
                name: "IsAdmin",
                table: "Users");

            migrationBuilder.DropColumn(
                name: "NormalizedDisplayName",
                table: "Users");

            migrationBuilder.DropColumn(
                name: "NormalizedEmail",
                table: "Users");

            migrationBuilder.DropColumn(
                name: "LastRefreshAttemptAt",
                table: "ProviderConnections");

            migrationBuilder.DropColumn(
                name: "LastRefreshOutcome",
                table: "ProviderConnections");

            migrationBuilder.DropColumn(
                name: "ReconnectReason",
                table: "ProviderConnections");

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "LastSignInAt",
                table: "Users",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "CreatedAt",
                table: "Users",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER");
        }
    }
}
