// Placeholder until this area lands.
import type { Services } from '../platform/services';

export function registerPanels(_services: Services): void {}
