import type { ActionDef } from '../types';
import { callActions } from './calls';
import { userActions, workspaceActions, settingsActions, libraryActions } from './users';
import { statsActions, coachingActions, logActions } from './stats';
import { meetingActions } from './meetings';
import { engageActions } from './engage';
import { permissionActions } from './permissions';
import { dataPrivacyActions } from './dataPrivacy';
import { crmActions } from './crm';
import { engagementActions } from './engagement';
import { entityActions } from './entities';

/** Every action, one per Gong endpoint, in the order the API documentation lists them. */
export const allActions: readonly ActionDef[] = Object.freeze([
  ...callActions,
  ...userActions,
  ...workspaceActions,
  ...settingsActions,
  ...libraryActions,
  ...statsActions,
  ...coachingActions,
  ...logActions,
  ...meetingActions,
  ...engageActions,
  ...permissionActions,
  ...dataPrivacyActions,
  ...crmActions,
  ...engagementActions,
  ...entityActions,
]);
