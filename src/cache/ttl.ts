/**
 * How long a cached response may be served: one TTL per GraphQL type, the shortest of the
 * types a response holds wins. The defaults follow how fast DCI data changes: products, teams
 * and topics are edited by hand (minutes), components arrive with each nightly compose (a
 * minute), jobs and their jobstates, files and results change while a job runs (seconds).
 */

/** TTLs in seconds by GraphQL type name; `default` applies to responses holding none of them. */
export type CacheTtls = Readonly<Record<string, number>>;

/** The TTL table used when `--cache-ttl` does not override an entry (seconds). */
export const DEFAULT_CACHE_TTLS: CacheTtls = {
  Product: 300,
  Team: 300,
  Topic: 300,
  RemoteCI: 120,
  Pipeline: 60,
  Component: 60,
  ComponentFile: 60,
  Identity: 60,
  Job: 10,
  JobState: 10,
  File: 10,
  TestResult: 10,
  KeyValue: 10,
  default: 60,
};

/**
 * Parses `Type=seconds,Type=seconds` over the defaults. Throws an Error with the reason; the
 * caller names the option. `0` disables caching for responses holding that type.
 */
export function parseCacheTtls(raw: string, defaults: CacheTtls = DEFAULT_CACHE_TTLS): CacheTtls {
  const table: Record<string, number> = { ...defaults };
  for (const item of raw.split(',')) {
    const entry = item.trim();
    if (entry === '') continue;
    const m = /^([_A-Za-z][_0-9A-Za-z]*)\s*=\s*(\d{1,6})$/.exec(entry);
    if (!m) throw new Error(`expects Type=seconds items separated by commas, got "${entry}"`);
    table[m[1]!] = Number(m[2]);
  }
  return table;
}

/** The TTL table in milliseconds as the response cache plugin reads it (without `default`). */
export function ttlPerTypeMs(ttls: CacheTtls): Record<string, number> {
  return Object.fromEntries(
    Object.entries(ttls)
      .filter(([type]) => type !== 'default')
      .map(([type, seconds]) => [type, seconds * 1000]),
  );
}
