import type { RouteDef } from '../contract';

/** Placeholder until this route module lands. */
export const routes: RouteDef[] = [];
