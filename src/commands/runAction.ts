// Placeholder until this area lands.
import type { Services } from '../platform/services';

export function registerRunAction(_services: Services): void {}
