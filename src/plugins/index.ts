/**
 * The gateway's Yoga plugins, in order. `createGateway` spreads this array into Yoga's
 * `plugins`; optional plugins are added with `cond && usePlugin()` and filtered here.
 */
import type { Plugin } from 'graphql-yoga';
import type { GatewayOptions } from '../server.js';

/** Every plugin the gateway runs for these options, in the order they apply. */
export function gatewayPlugins(_options: GatewayOptions): Plugin[] {
  return [];
}
