import type { RouteDef } from '../contract';
import { routes as callsRoutes } from './calls';
import { routes as usersRoutes } from './users';
import { routes as settingsRoutes } from './settings';
import { routes as libraryRoutes } from './library';
import { routes as statsRoutes } from './stats';
import { routes as coachingRoutes } from './coaching';
import { routes as logsRoutes } from './logs';
import { routes as meetingsRoutes } from './meetings';
import { routes as flowsRoutes } from './flows';
import { routes as tasksRoutes } from './tasks';
import { routes as permissionsRoutes } from './permissions';
import { routes as dataPrivacyRoutes } from './dataPrivacy';
import { routes as crmRoutes } from './crm';
import { routes as engagementRoutes } from './engagement';
import { routes as aiRoutes } from './ai';

/** Every route of the local Gong, one module per area of the API. */
export const allRoutes: RouteDef[] = [
  ...callsRoutes,
  ...usersRoutes,
  ...settingsRoutes,
  ...libraryRoutes,
  ...statsRoutes,
  ...coachingRoutes,
  ...logsRoutes,
  ...meetingsRoutes,
  ...flowsRoutes,
  ...tasksRoutes,
  ...permissionsRoutes,
  ...dataPrivacyRoutes,
  ...crmRoutes,
  ...engagementRoutes,
  ...aiRoutes,
];
