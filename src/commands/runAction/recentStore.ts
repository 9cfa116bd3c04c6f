import type * as vscode from 'vscode';
import { addRecent, recentFor, withoutPersonalData, type RecentRun, type RecentStore } from '../../results/recent';

const KEY = 'gongExplorer.recentRuns';

/** Recent runs in globalState, per profile (inputs only; see src/results/recent.ts). */
export class RecentRuns {
  constructor(private readonly state: vscode.Memento) {}

  /** Drops runs that keep personal data (data-privacy targets) stored by earlier versions. */
  async purgePersonalData(): Promise<void> {
    const cleaned = withoutPersonalData(this.state.get<unknown>(KEY));
    if (cleaned) await this.state.update(KEY, cleaned);
  }

  list(profile: string): RecentRun[] {
    return recentFor(this.state.get<unknown>(KEY), profile);
  }

  async add(profile: string, actionId: string, input: Record<string, unknown>): Promise<void> {
    const store = this.state.get<RecentStore>(KEY);
    await this.state.update(KEY, addRecent(store, profile, { actionId, input, at: new Date().toISOString() }));
  }
}
