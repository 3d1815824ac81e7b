/**
 * Imported first by the benchmark entry points: the gateway is measured as it runs in
 * production, where the Dockerfile sets NODE_ENV=production. graphql-js reads it once, when it
 * is loaded, to drop its development-only checks (a cross-realm test in every `instanceOf`:
 * several percent of a query's CPU). An explicit NODE_ENV is kept.
 */
process.env['NODE_ENV'] ??= 'production';
