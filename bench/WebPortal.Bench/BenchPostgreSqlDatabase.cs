namespace WebPortal.Bench;

/// <summary>A PostgreSQL database of the bench's own, on the test kit's server, dropped afterwards whatever happens.</summary>
internal static class BenchPostgreSqlDatabase
{
    /// <summary>Runs <paramref name="run"/> with the connection string of a new, empty database.</summary>
    public static async Task<T> UseAsync<T>(Func<string, Task<T>> run)
    {
        var server = await PostgreSqlServer.GetAsync();
        var database = await server.CreateDatabaseAsync("webportal_bench");
        try
        {
            return await run(server.ConnectionStringFor(database));
        }
        finally
        {
            await server.DropDatabaseAsync(database);
        }
    }
}
