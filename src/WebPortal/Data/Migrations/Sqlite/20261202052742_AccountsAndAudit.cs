using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WebPortal.Data.Migrations.Sqlite
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
            // SQLite's upper() folds ASCII only, so other scripts are normalized again at the person's next sign-in.
            migrationBuilder.Sql(TextTimeToUtcTicks("CreatedAt"));
            migrationBuilder.Sql(TextTimeToUtcTicks("LastSignInAt"));
            migrationBuilder.Sql("UPDATE \"Users\" SET \"NormalizedDisplayName\" = upper(trim(\"DisplayName\")), \"NormalizedEmail\" = upper(trim(\"Email\"));");
        }

        /// <summary>
        /// Converts a time EF Core wrote as text (<c>yyyy-MM-dd HH:mm:ss[.FFFFFFF]+HH:MM</c>) into UTC ticks, exactly:
        /// SQLite's date functions keep milliseconds only (and round 59.9999999 up into the next minute), so they
        /// read the whole seconds and the offset, and the seven-digit fraction is added from the text itself.
        /// 621355968000000000 is the Unix epoch in ticks.
        /// </summary>
        private static string TextTimeToUtcTicks(string column)
        {
            var hasOffset = $"substr(\"{column}\", -6, 1) IN ('+', '-')";
            var wholeSeconds = $"substr(\"{column}\", 1, 19) || CASE WHEN {hasOffset} THEN substr(\"{column}\", -6) ELSE '' END";
            var fractionDigits = $"substr(\"{column}\", 21, length(\"{column}\") - CASE WHEN {hasOffset} THEN 26 ELSE 20 END)";
            var fractionTicks = $"CASE WHEN substr(\"{column}\", 20, 1) = '.' THEN CAST(substr({fractionDigits} || '0000000', 1, 7) AS INTEGER) ELSE 0 END";
            return $"UPDATE \"Users\" SET \"{column}\" = CAST(strftime('%s', {wholeSeconds}) AS INTEGER) * 10000000 + 621355968000000000 + {fractionTicks} WHERE typeof(\"{column}\") = 'text';";
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
