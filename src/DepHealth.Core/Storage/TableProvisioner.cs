using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace DepHealth.Core.Storage;

/// <summary>Creates the tables on a (local) endpoint when they are missing; safe to run again and concurrently.</summary>
public sealed class TableProvisioner(DynamoDbClientProvider clients, TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>Ensures both tables exist and are ACTIVE; returns the names of the tables it created.</summary>
    public async Task<IReadOnlyList<string>> EnsureTablesAsync(CancellationToken cancellationToken = default)
    {
        var settings = clients.Settings;
        var created = new List<string>();
        foreach (var request in new[] { TableDefinitions.Packages(settings.PackagesTable), TableDefinitions.ApiKeys(settings.ApiKeysTable) })
        {
            if (await EnsureTableAsync(request, cancellationToken).ConfigureAwait(false))
                created.Add(request.TableName);
        }
        return created;
    }

    private async Task<bool> EnsureTableAsync(CreateTableRequest request, CancellationToken cancellationToken)
    {
        var created = false;
        if (await StatusAsync(request.TableName, cancellationToken).ConfigureAwait(false) is null)
        {
            try
            {
                await clients.Client.CreateTableAsync(request, cancellationToken).ConfigureAwait(false);
                created = true;
            }
            catch (ResourceInUseException)
            {
                // Someone else created it between our check and our create.
            }
        }

        // Real DynamoDB takes seconds to activate a table; a local endpoint started with --createTableMs 0 none.
        var deadline = _time.GetUtcNow() + TimeSpan.FromMinutes(2);
        while (await StatusAsync(request.TableName, cancellationToken).ConfigureAwait(false) != TableStatus.ACTIVE)
        {
            if (_time.GetUtcNow() > deadline)
                throw new TimeoutException($"table {request.TableName} did not become ACTIVE");
            await Task.Delay(TimeSpan.FromMilliseconds(250), _time, cancellationToken).ConfigureAwait(false);
        }
        return created;
    }

    private async Task<TableStatus?> StatusAsync(string table, CancellationToken cancellationToken)
    {
        try
        {
            var response = await clients.Client.DescribeTableAsync(new DescribeTableRequest { TableName = table }, cancellationToken)
                .ConfigureAwait(false);
            return response.Table.TableStatus;
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }
}
