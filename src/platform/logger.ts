import * as vscode from 'vscode';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

/**
 * The "Gong" log: VS Code's LogOutputChannel, so the level is VS Code's own (Output view, "Set Log
 * Level...", `--log`), lines carry its timestamps and levels, and nothing is written below the
 * chosen level. Callers must never pass secrets.
 */
export class Logger implements vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;

  constructor(name = 'Gong') {
    this.channel = vscode.window.createOutputChannel(name, { log: true });
  }

  /** The level VS Code applies to this channel now. */
  get level(): vscode.LogLevel { return this.channel.logLevel; }

  log(level: LogLevel, message: string): void {
    switch (level) {
      case 'error': this.channel.error(message); return;
      case 'warn': this.channel.warn(message); return;
      case 'info': this.channel.info(message); return;
      case 'debug': this.channel.debug(message); return;
    }
  }
  error(message: string): void { this.channel.error(message); }
  warn(message: string): void { this.channel.warn(message); }
  info(message: string): void { this.channel.info(message); }
  debug(message: string): void { this.channel.debug(message); }
  show(): void { this.channel.show(true); }
  dispose(): void { this.channel.dispose(); }
}
