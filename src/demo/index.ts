// Placeholder until this area lands.
import type { Services } from '../platform/services';

export function registerDemo(_services: Services): void {}
