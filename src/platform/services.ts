import type * as vscode from 'vscode';
import type { OAuthApp, OAuthTokens } from '../gong/oauth';
import type { GongApi, GongConnection, SchedulerStats } from '../gong/types';
import type { Logger } from './logger';
import type { Prompter } from './prompter';
import type { GongData } from '../data/index';
import type { TreeAccess } from '../tree/index';
import type { SearchAccess } from '../searchUi/index';
import type { InsightsPanels } from '../panels/insights';
import type { OAuthUriHandler } from '../auth/oauthFlow';

/** A stored connection profile as the UI sees it (never the secret). */
export interface ProfileInfo {
  name: string;
  baseUrl: string;
  /** `oauth`: a company's Gong OAuth app; its access token is refreshed before it expires. */
  authKind: 'basic' | 'bearer' | 'oauth';
}

/** The signed-in state: profiles, the active client, and sign-in/out. Implemented in src/auth/. */
export interface GongSession extends vscode.Disposable {
  readonly onDidChange: vscode.Event<void>;
  /** The active profile, or undefined when signed out. */
  readonly active: ProfileInfo | undefined;
  /** All stored profiles. */
  profiles(): ProfileInfo[];
  /** The client for the active profile (one scheduler for the whole process), or undefined. */
  api(): GongApi | undefined;
  /** Today's request count, budget and rate-limit wait of the shared scheduler. */
  stats(): SchedulerStats;
  /**
   * Checks the connection with one cheap read, then stores its secrets in SecretStorage and makes it
   * the active profile. Throws the client's typed error on failure and stores nothing.
   */
  /**
   * Checks the connection, stores the profile and makes it active. Resolves to a note when some
   * views will stay empty (a token without the workspaces scope), otherwise undefined.
   */
  signIn(profileName: string, connection: GongConnection): Promise<string | undefined>;
  /** The same for tokens from a Gong OAuth app's consent (API calls go to `tokens.apiBaseUrl`). */
  signInOAuth(profileName: string, app: OAuthApp, tokens: OAuthTokens): Promise<string | undefined>;
  /** Removes every stored secret of the profile (the active one by default). */
  signOut(profileName?: string): Promise<void>;
  switchTo(profileName: string): Promise<void>;
  /** Gong refused the credentials: views show a sign-in row until the next successful sign-in. */
  reportAuthFailure(): void;
  readonly authFailed: boolean;
}

/** What every feature area receives from extension.ts. No global mutable state elsewhere. */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: Logger;
  readonly session: GongSession;
  /** The one data layer: every read of Gong data, cached per profile. */
  readonly data: GongData;
  /** Current prompter (replaceable by integration tests). */
  prompter(): Prompter;
  /** Opens a web page in the person's browser (the OAuth consent page); tests replace it with a scripted browser. */
  openExternal(url: string): Promise<boolean>;
  /** The sidebar trees (set by registerViews), so tests read the rows VS Code shows. */
  views?: TreeAccess;
  /** Call search (set by registerSearch): the last results and the one search function. */
  search?: SearchAccess;
  /** The insights panels (set at activation), so tests read what they show. */
  insights?: InsightsPanels;
  /** Receives OAuth answers sent to VS Code's URI for this extension (set by registerAuth). */
  oauthUriHandler?: OAuthUriHandler;
}
