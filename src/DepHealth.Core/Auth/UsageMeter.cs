using System.Collections.Concurrent;
using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using DepHealth.Core.Storage;

namespace DepHealth.Core.Auth;

/// <summary>
/// Exact monthly quota per user on the api-keys table (item <c>user#{id}</c>/<c>usage#YYYY-MM</c>), shared by any
/// number of processes. The item holds <c>requests</c> (admitted and persisted) and <c>committed</c> (requests plus
/// units reserved by processes in the current slot <c>lease_slot</c>); every write is conditional on
/// <c>committed</c> staying within the limit, so <c>requests ≤ committed ≤ limit</c> always holds.
/// A process admits from memory only against its own reservation (a lease), so the hot path needs no round trip;
/// without one (first use, near the limit) it admits with a synchronous conditional update. Leases end with their
/// slot, so a dead process's reservation comes back at the next slot. Full reasoning: docs/quotas.md.
/// </summary>
public sealed class UsageMeter : IUsageMeter
{
    private const string Requests = "requests";
    private const string Committed = "committed";
    private const string Slot = "lease_slot";
    private const string LastWrite = "last_write";

    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["#r"] = Requests, ["#c"] = Committed, ["#s"] = Slot, ["#w"] = LastWrite,
    };

    private readonly DynamoDbClientProvider _clients;
    private readonly UsageMeterOptions _options;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<(string UserId, string Month), Counter> _counters = new();

    public UsageMeter(DynamoDbClientProvider clients, UsageMeterOptions? options = null, TimeProvider? timeProvider = null)
    {
        _clients = clients;
        _options = options ?? new UsageMeterOptions();
        _options.Validate();
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>This process's view of one user's month. Fields under <see cref="Gate"/>; store calls under <see cref="Io"/>.</summary>
    private sealed class Counter(string userId, string month)
    {
        public readonly string UserId = userId;
        public readonly string Month = month;
        public readonly Lock Gate = new();
        public readonly SemaphoreSlim Io = new(1, 1);
        public long Limit;
        // Last state read from the store (Requests < 0: never read).
        public long Requests = -1;
        public long Committed;
        public string? StoredSlot;
        public DateTimeOffset ViewAt;
        // This process's lease: units it may still admit from memory in LeaseSlot.
        public string? LeaseSlot;
        public long LeaseLeft;
        // Admitted from a lease, not yet persisted, and the slot of that lease.
        public long Pending;
        public string? PendingSlot;
        // A flush of these units failed without knowing whether it was applied: retried first, with the same token.
        public long UnresolvedUnits;
        public string? UnresolvedToken;
        public bool Touched;
        public bool Retired;
    }

    public async ValueTask<QuotaDecision> TryConsumeAsync(ApiKeyIdentity identity, int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        while (true)
        {
            var now = _time.GetUtcNow();
            var counter = _counters.GetOrAdd((identity.UserId, QuotaPeriods.MonthId(now)), static k => new Counter(k.UserId, k.Month));
            lock (counter.Gate)
            {
                if (counter.Retired)
                    continue;
                counter.Limit = identity.MonthlyLimit;
                counter.Touched = true;
                if (TryDecideInMemory(counter, count, now, out var decision))
                    return decision;
            }

            await counter.Io.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                lock (counter.Gate)
                {
                    if (counter.Retired)
                        continue;
                }
                return await AdmitSynchronouslyAsync(counter, count, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                counter.Io.Release();
            }
        }
    }

    /// <summary>Decides without I/O when it can: from the lease, or a denial the store could not reverse.</summary>
    private bool TryDecideInMemory(Counter c, int n, DateTimeOffset now, out QuotaDecision decision)
    {
        var resets = QuotaPeriods.MonthResetsAt(now);
        var known = Math.Max(0, c.Requests) + c.Pending;
        if (n == 0)
        {
            decision = new QuotaDecision(true, known, c.Limit, resets);
            return true;
        }
        // Within a month the stored count only grows and Pending will be added to it: no later answer could admit.
        if (c.Requests >= 0 && known + n > c.Limit)
        {
            decision = new QuotaDecision(false, known, c.Limit, resets);
            return true;
        }
        if (LeaseUsable(c, now) && c.LeaseLeft >= n && (c.Pending == 0 || c.PendingSlot == c.LeaseSlot))
        {
            c.LeaseLeft -= n;
            c.Pending += n;
            c.PendingSlot = c.LeaseSlot;
            decision = new QuotaDecision(true, known + n, c.Limit, resets);
            return true;
        }
        decision = default;
        return false;
    }

    private bool LeaseUsable(Counter c, DateTimeOffset now) =>
        _options.UseLeases && c.LeaseSlot is not null && c.LeaseSlot == SlotId(now) && now < SlotEnd(now) - _options.LeaseGuard;

    private async Task<QuotaDecision> AdmitSynchronouslyAsync(Counter c, int n, CancellationToken ct)
    {
        // Make the stored count complete before deciding on it.
        await PersistPendingAsync(c, ct).ConfigureAwait(false);

        var now = _time.GetUtcNow();
        var resets = QuotaPeriods.MonthResetsAt(now);
        long limit;
        lock (c.Gate)
        {
            if (TryDecideInMemory(c, n, now, out var decision))
                return decision;
            limit = c.Limit;
        }
        if (n > limit)
            return new QuotaDecision(false, Math.Max(0, c.Requests), limit, resets);

        // Units left in our own lease count towards this request: they are already in committed.
        long fromLease;
        lock (c.Gate)
        {
            fromLease = LeaseUsable(c, now) ? Math.Min(c.LeaseLeft, n) : 0;
            c.LeaseLeft -= fromLease;
        }
        var extra = n - fromLease;
        var admitted = false;
        var token = NewWriteToken();
        try
        {
            for (var attempt = 0; attempt < 4; attempt++)
            {
                var slot = CurrentSlot(c, now);
                bool sameSlot;
                lock (c.Gate)
                    sameSlot = c.StoredSlot == slot;

                var values = new Dictionary<string, AttributeValue>
                {
                    [":n"] = Number(n), [":x"] = Number(extra), [":s"] = new() { S = slot }, [":zero"] = Number(0),
                    // Same slot: committed + extra <= limit. New slot: requests + n <= limit.
                    [":max"] = Number(limit - (sameSlot ? extra : n)),
                };
                var item = sameSlot
                    ? await UpdateAsync(c, "ADD #r :n, #c :x", "#s = :s AND #c <= :max", values, token, ct).ConfigureAwait(false)
                    // A new slot: reservations of the old one lapse, committed restarts from the persisted count.
                    : await UpdateAsync(c, "SET #s = :s, #c = if_not_exists(#r, :zero) + :n ADD #r :n",
                        "(attribute_not_exists(#s) OR #s < :s) AND (attribute_not_exists(#r) OR #r <= :max)", values, token, ct).ConfigureAwait(false);

                if (item is not null)
                {
                    admitted = true;
                    lock (c.Gate)
                    {
                        ApplyView(c, item, now);
                        return new QuotaDecision(true, c.Requests + c.Pending, limit, resets);
                    }
                }

                // The condition failed: either the count is too high, or the slot was not what we thought.
                await ReadAsync(c, ct).ConfigureAwait(false);
                lock (c.Gate)
                {
                    if ((c.StoredSlot == CurrentSlot(c, now)) == sameSlot)
                        return new QuotaDecision(false, Math.Max(0, c.Requests) + c.Pending, limit, resets);
                }
            }
            // The slot kept moving under us (clock skew between processes): refusing is the safe answer.
            return new QuotaDecision(false, Math.Max(0, c.Requests) + c.Pending, limit, resets);
        }
        finally
        {
            if (!admitted && fromLease > 0)
            {
                lock (c.Gate)
                {
                    if (c.LeaseSlot is not null && c.LeaseSlot == SlotId(now))
                        c.LeaseLeft += fromLease;
                }
            }
        }
    }

    /// <summary>Persists admissions from memory; while far from the limit the same write tops the lease back up.</summary>
    private async Task PersistPendingAsync(Counter c, CancellationToken ct)
    {
        // An unresolved earlier flush goes first, alone, so that its token answers "was it applied?" exactly.
        while (await PersistOnceAsync(c, ct).ConfigureAwait(false))
        {
        }
    }

    /// <summary>One flush write; true when units remain pending after it.</summary>
    private async Task<bool> PersistOnceAsync(Counter c, CancellationToken ct)
    {
        long k;
        string slot;
        bool topUp;
        long maxForTopUp;
        string token;
        var now = _time.GetUtcNow();
        lock (c.Gate)
        {
            if (c.Pending == 0 || c.PendingSlot is null)
                return false;
            k = c.UnresolvedToken is not null ? Math.Min(c.UnresolvedUnits, c.Pending) : c.Pending;
            token = c.UnresolvedToken ?? NewWriteToken();
            slot = c.PendingSlot;
            c.Pending -= k;
            maxForTopUp = c.Limit - _options.SafetyMarginFor(c.Limit) - k;
            topUp = LeaseUsable(c, now) && c.LeaseSlot == slot && c.Committed <= maxForTopUp;
        }

        try
        {
            var values = new Dictionary<string, AttributeValue> { [":k"] = Number(k), [":ls"] = new() { S = slot } };
            Dictionary<string, AttributeValue>? item = null;
            if (topUp)
            {
                values[":max"] = Number(maxForTopUp);
                item = await UpdateAsync(c, "ADD #r :k, #c :k", "#s = :ls AND #c <= :max", values, token, ct).ConfigureAwait(false);
                if (item is not null)
                {
                    lock (c.Gate)
                    {
                        if (c.LeaseSlot == slot)
                            c.LeaseLeft += k;
                    }
                }
                values.Remove(":max");
            }
            // Still our slot: committed already counts these units.
            item ??= await UpdateAsync(c, "ADD #r :k", "#s = :ls", values, token, ct).ConfigureAwait(false);
            // The slot rolled after we admitted (a pause longer than LeaseGuard): the new committed lacks them.
            item ??= await UpdateAsync(c, "ADD #r :k, #c :k", null, values, token, ct).ConfigureAwait(false);
            lock (c.Gate)
            {
                ApplyView(c, item!, now);
                c.UnresolvedToken = null;
                c.UnresolvedUnits = 0;
                return c.Pending > 0;
            }
        }
        catch
        {
            lock (c.Gate)
            {
                c.Pending += k;
                c.UnresolvedToken = token;
                c.UnresolvedUnits = k;
            }
            throw;
        }
    }

    /// <summary>Takes a lease for the current slot when far from the limit; gives unused units back when near it.</summary>
    private async Task MaintainLeaseAsync(Counter c, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        if (!_options.UseLeases)
            return;
        string slot;
        long want = 0, max = 0, giveBack = 0;
        bool sameSlot = false;
        lock (c.Gate)
        {
            slot = SlotId(now);
            var margin = _options.SafetyMarginFor(c.Limit);
            if (c.LeaseSlot == slot)
            {
                // Held: PersistPendingAsync tops it up while far; near the limit the unused rest goes back.
                if (c.Committed <= c.Limit - margin || c.LeaseLeft == 0)
                    return;
                giveBack = c.LeaseLeft;
                c.LeaseLeft = 0;
            }
            else
            {
                if (c.Pending > 0 || now >= SlotEnd(now) - _options.LeaseGuard)
                    return;
                if (c.StoredSlot is not null && string.CompareOrdinal(c.StoredSlot, slot) > 0)
                    return; // another process's clock is ahead: wait for ours
                want = _options.LeaseUnitsFor(c.Limit);
                max = c.Limit - margin - want;
                sameSlot = c.StoredSlot == slot;
                if (c.Requests >= 0 && (sameSlot ? c.Committed : c.Requests) > max)
                    return; // near the limit: no reservation
            }
        }

        if (giveBack > 0)
        {
            // Near the limit a reservation would only make other processes refuse what this one won't use.
            var back = await UpdateAsync(c, "ADD #c :neg", "#s = :s",
                new() { [":neg"] = Number(-giveBack), [":s"] = new() { S = slot } }, NewWriteToken(), ct).ConfigureAwait(false);
            if (back is not null)
            {
                lock (c.Gate)
                    ApplyView(c, back, now);
            }
            return;
        }

        var values = new Dictionary<string, AttributeValue>
        {
            [":t"] = Number(want), [":s"] = new() { S = slot }, [":max"] = Number(max), [":zero"] = Number(0),
        };
        var token = NewWriteToken();
        var item = sameSlot
            ? await UpdateAsync(c, "ADD #c :t", "#s = :s AND #c <= :max", values, token, ct).ConfigureAwait(false)
            : await UpdateAsync(c, "SET #s = :s, #c = if_not_exists(#r, :zero) + :t",
                "(attribute_not_exists(#s) OR #s < :s) AND (attribute_not_exists(#r) OR #r <= :max)", values, token, ct).ConfigureAwait(false);
        if (item is null)
        {
            await ReadAsync(c, ct).ConfigureAwait(false); // next flush decides again with a fresh view
            return;
        }
        lock (c.Gate)
        {
            ApplyView(c, item, now);
            c.LeaseSlot = slot;
            c.LeaseLeft = want;
        }
    }

    /// <summary>
    /// Persists what was admitted from memory and renews leases; hosts call it after each response (in Lambda,
    /// before taking the next invocation). Increments that fail to persist are kept and retried by the next call,
    /// and the failure is thrown so the host can log it.
    /// </summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        List<Exception>? failures = null;
        foreach (var (key, c) in _counters)
        {
            bool touched;
            lock (c.Gate)
            {
                touched = c.Touched;
                if (!touched && c.Pending == 0 && !ShouldRetire(c))
                    continue;
            }
            await c.Io.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await PersistPendingAsync(c, cancellationToken).ConfigureAwait(false);
                if (touched && c.Month == QuotaPeriods.MonthId(_time.GetUtcNow()))
                    await MaintainLeaseAsync(c, cancellationToken).ConfigureAwait(false);
                lock (c.Gate)
                {
                    c.Touched = false;
                    if (!touched && ShouldRetire(c))
                    {
                        c.Retired = true;
                        _counters.TryRemove(new KeyValuePair<(string, string), Counter>(key, c));
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                (failures ??= []).Add(ex);
            }
            finally
            {
                c.Io.Release();
            }
        }
        if (failures is not null)
            throw new AggregateException("Usage increments could not be persisted; they are kept for the next flush.", failures);
    }

    // Idle with nothing unpersisted and no live lease (an old month, or a lapsed lease): forgetting it loses nothing.
    private bool ShouldRetire(Counter c)
    {
        var now = _time.GetUtcNow();
        return c.Pending == 0 && (c.Month != QuotaPeriods.MonthId(now) || c.LeaseSlot != SlotId(now));
    }

    public async ValueTask<UsageSnapshot> GetUsageAsync(ApiKeyIdentity identity, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var month = QuotaPeriods.MonthId(now);
        var response = await _clients.Client.GetItemAsync(new GetItemRequest
        {
            TableName = _clients.Settings.ApiKeysTable,
            Key = ApiKeysTableLayout.Usage(identity.UserId, month),
            ConsistentRead = true,
        }, cancellationToken).ConfigureAwait(false);
        var stored = response.Item is { } item && item.TryGetValue(Requests, out var r) && r.N is not null ? ParseLong(r.N) : 0;
        long pending = 0;
        if (_counters.TryGetValue((identity.UserId, month), out var c))
        {
            lock (c.Gate)
                pending = c.Pending;
        }
        return new UsageSnapshot(identity.Tier, stored + pending, identity.MonthlyLimit, QuotaPeriods.MonthResetsAt(now));
    }

    /// <summary>
    /// One conditional UpdateItem on the counter item; null when the condition failed. The write also stores
    /// <paramref name="token"/> in <c>last_write</c> and requires it absent, which makes it idempotent: when an attempt
    /// was applied but its answer lost (a 500 or a dropped connection after the write), the SDK's retry fails the
    /// condition and a consistent read finds the token, so the units are counted once. A retry cannot be told from a
    /// first write only if another process wrote the same counter in between; docs/quotas.md.
    /// </summary>
    private async Task<Dictionary<string, AttributeValue>?> UpdateAsync(Counter c, string update, string? condition,
        Dictionary<string, AttributeValue> values, string token, CancellationToken ct)
    {
        values = new Dictionary<string, AttributeValue>(values, StringComparer.Ordinal) { [":w"] = new() { S = token } };
        update = update.StartsWith("SET ", StringComparison.Ordinal) ? "SET #w = :w, " + update[4..] : update + " SET #w = :w";
        condition = condition is null ? "attribute_not_exists(#w) OR #w <> :w" : $"({condition}) AND (attribute_not_exists(#w) OR #w <> :w)";
        // Only the placeholders an expression uses may be sent.
        var used = values.Where(v => update.Contains(v.Key, StringComparison.Ordinal) ||
                                     (condition?.Contains(v.Key, StringComparison.Ordinal) ?? false))
            .ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        var names = Names.Where(n => update.Contains(n.Key, StringComparison.Ordinal) ||
                                     (condition?.Contains(n.Key, StringComparison.Ordinal) ?? false))
            .ToDictionary(n => n.Key, n => n.Value, StringComparer.Ordinal);
        try
        {
            var response = await _clients.Client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = _clients.Settings.ApiKeysTable,
                Key = ApiKeysTableLayout.Usage(c.UserId, c.Month),
                UpdateExpression = update,
                ConditionExpression = condition,
                ExpressionAttributeNames = names,
                ExpressionAttributeValues = used,
                ReturnValues = ReturnValue.ALL_NEW,
            }, ct).ConfigureAwait(false);
            return response.Attributes;
        }
        catch (ConditionalCheckFailedException)
        {
            return await AppliedEarlierAsync(c, token, ct).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Failed as far as we could tell, yet the counter may carry our token: then it was applied, once.
            if (await TryAppliedEarlierAsync(c, token).ConfigureAwait(false) is { } applied)
                return applied;
            throw;
        }
    }

    /// <summary>The counter item if it carries <paramref name="token"/> (our write was applied), otherwise null.</summary>
    private async Task<Dictionary<string, AttributeValue>?> AppliedEarlierAsync(Counter c, string token, CancellationToken ct)
    {
        var response = await _clients.Client.GetItemAsync(new GetItemRequest
        {
            TableName = _clients.Settings.ApiKeysTable,
            Key = ApiKeysTableLayout.Usage(c.UserId, c.Month),
            ConsistentRead = true,
        }, ct).ConfigureAwait(false);
        return response.Item is { } item && item.TryGetValue(LastWrite, out var w) && w.S == token ? item : null;
    }

    /// <summary>After an ambiguous failure: the item if our write is there; null if not, or if the store can't say.</summary>
    private async Task<Dictionary<string, AttributeValue>?> TryAppliedEarlierAsync(Counter c, string token)
    {
        try
        {
            // Not the caller's token: the caller may be gone, but the answer decides whether units are counted twice.
            using var timeout = new CancellationTokenSource(_clients.Settings.RequestTimeout);
            return await AppliedEarlierAsync(c, token, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception)
        {
            return null;
        }
    }

    private static string NewWriteToken() => Guid.NewGuid().ToString("N");

    private async Task ReadAsync(Counter c, CancellationToken ct)
    {
        var response = await _clients.Client.GetItemAsync(new GetItemRequest
        {
            TableName = _clients.Settings.ApiKeysTable,
            Key = ApiKeysTableLayout.Usage(c.UserId, c.Month),
            ConsistentRead = true,
        }, ct).ConfigureAwait(false);
        lock (c.Gate)
            ApplyView(c, response.Item ?? [], _time.GetUtcNow());
    }

    private static void ApplyView(Counter c, Dictionary<string, AttributeValue> item, DateTimeOffset at)
    {
        c.Requests = item.TryGetValue(Requests, out var r) && r.N is not null ? ParseLong(r.N) : 0;
        c.Committed = item.TryGetValue(Committed, out var m) && m.N is not null ? ParseLong(m.N) : c.Requests;
        c.StoredSlot = item.TryGetValue(Slot, out var s) ? s.S : null;
        c.ViewAt = at;
    }

    /// <summary>Our slot, or the stored one if another process's clock is already ahead of ours.</summary>
    private string CurrentSlot(Counter c, DateTimeOffset now)
    {
        var slot = SlotId(now);
        lock (c.Gate)
            return c.StoredSlot is not null && string.CompareOrdinal(c.StoredSlot, slot) > 0 ? c.StoredSlot : slot;
    }

    private DateTimeOffset SlotStart(DateTimeOffset now)
    {
        var ticks = _options.LeaseSlot.Ticks;
        return new DateTimeOffset(now.UtcTicks - now.UtcTicks % ticks, TimeSpan.Zero);
    }

    private DateTimeOffset SlotEnd(DateTimeOffset now) => SlotStart(now) + _options.LeaseSlot;

    /// <summary>Fixed-width UTC start of the slot, so slots compare as strings.</summary>
    private string SlotId(DateTimeOffset now) => SlotStart(now).ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static long ParseLong(string n) => long.Parse(n, NumberStyles.Integer, CultureInfo.InvariantCulture);
}
