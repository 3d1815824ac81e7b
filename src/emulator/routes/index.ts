/**
 * The emulator's routing table: every implemented `/api/v1` route.
 */
import type { RouteDef } from '../context.js';
import { catalogRoutes } from './catalog.js';
import { fileRoutes } from './files.js';
import { jobCreateRoutes } from './jobs-create.js';
import { jobReadRoutes } from './jobs-read.js';
import { jobUpdateRoutes } from './jobs-update.js';
import { statsRoutes } from './stats.js';
import { teamRoutes } from './teams.js';

/** All routes, relative to `/api/v1`. */
export const ROUTES: readonly RouteDef[] = [
  ...teamRoutes,
  ...catalogRoutes,
  ...jobReadRoutes,
  ...jobCreateRoutes,
  ...jobUpdateRoutes,
  ...fileRoutes,
  ...statsRoutes,
];
