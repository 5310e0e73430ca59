namespace AiSales.Core.Sending.RateLimiting;

/// <summary>
/// GCRA (generic cell rate algorithm) over one or two keys in one atomic Lua step. Each key stores the
/// theoretical arrival time (TAT, ms). A request is allowed when, after adding one emission interval,
/// the TAT is no more than the burst tolerance (interval × burst) ahead of now. Both keys must allow
/// for either to be charged, so a WhatsApp send refused by the recipient pair limit does not use up
/// the phone number's quota (and vice versa). The clock is Redis's TIME, so every worker agrees on it.
/// KEYS[1] = account key, KEYS[2] = optional pair key.
/// ARGV = interval1 ms, tolerance1 ms, interval2 ms, tolerance2 ms.
/// Returns {allowed 0|1, retry-after ms, scope 0=none|1=account|2=pair}.
/// </summary>
internal static class GcraScript
{
    public const string Text = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000

        local function probe(key, interval, tolerance)
          local tat = tonumber(redis.call('GET', key) or now) or now
          if tat < now then tat = now end
          local new_tat = tat + interval
          return new_tat, new_tat - tolerance - now
        end

        local tat1, wait1 = probe(KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]))
        local tat2, wait2 = nil, -1
        if #KEYS > 1 then
          tat2, wait2 = probe(KEYS[2], tonumber(ARGV[3]), tonumber(ARGV[4]))
        end

        if wait1 > 0 or wait2 > 0 then
          if wait2 > wait1 then
            return {0, math.ceil(wait2), 2}
          end
          return {0, math.ceil(wait1), 1}
        end

        redis.call('SET', KEYS[1], string.format('%.3f', tat1), 'PX', math.max(1, math.ceil(tat1 - now)))
        if tat2 then
          redis.call('SET', KEYS[2], string.format('%.3f', tat2), 'PX', math.max(1, math.ceil(tat2 - now)))
        end
        return {1, 0, 0}
        """;
}
