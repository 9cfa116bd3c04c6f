// Placeholder until this area lands.
import type { Services } from '../platform/services';

export function registerViews(_services: Services): void {}
