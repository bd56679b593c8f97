using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using DepHealth.Core.Storage;

namespace DepHealth.Core.Auth;

/// <summary>
/// Anonymous GETs: at most <see cref="DemoLimiter.RequestsPerHour"/> per source IP per UTC hour, counted with one conditional
/// UpdateItem on <c>demo#{ip}</c>/<c>hour#YYYY-MM-DD-HH</c> (a new item each hour; <c>ttl</c> lets DynamoDB delete
/// old ones). Fails closed: when the store cannot answer, the request is refused.
/// </summary>
public sealed class DemoLimiter(DynamoDbClientProvider clients, TimeProvider? timeProvider = null, int requestsPerHour = DemoLimiter.RequestsPerHour)
    : IDemoLimiter
{
    public const int RequestsPerHour = 20;
    private static readonly TimeSpan ItemLifetime = TimeSpan.FromHours(2);

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public async ValueTask<QuotaDecision> TryConsumeAsync(string sourceIp, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var resets = QuotaPeriods.HourResetsAt(now);
        var denied = new QuotaDecision(false, requestsPerHour, requestsPerHour, resets);
        if (string.IsNullOrWhiteSpace(sourceIp) || sourceIp.Length > 64)
            return denied;

        try
        {
            var response = await clients.Client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = clients.Settings.ApiKeysTable,
                Key = ApiKeysTableLayout.Demo(sourceIp, QuotaPeriods.HourId(now)),
                UpdateExpression = "ADD #r :one SET #ttl = :ttl",
                ConditionExpression = "attribute_not_exists(#r) OR #r < :max",
                ExpressionAttributeNames = new() { ["#r"] = "requests", ["#ttl"] = "ttl" },
                ExpressionAttributeValues = new()
                {
                    [":one"] = new() { N = "1" },
                    [":max"] = new() { N = requestsPerHour.ToString(CultureInfo.InvariantCulture) },
                    [":ttl"] = new() { N = (now + ItemLifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) },
                },
                ReturnValues = ReturnValue.UPDATED_NEW,
            }, cancellationToken).ConfigureAwait(false);
            var used = long.Parse(response.Attributes["requests"].N, CultureInfo.InvariantCulture);
            return new QuotaDecision(true, used, requestsPerHour, resets);
        }
        catch (ConditionalCheckFailedException)
        {
            return denied;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return denied; // fail closed: an outage must not open the anonymous door
        }
    }
}
