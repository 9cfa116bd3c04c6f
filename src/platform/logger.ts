import * as vscode from 'vscode';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';
const order: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

/** The "Gong" log output channel, with levels. Callers must never pass secrets. */
export class Logger implements vscode.Disposable {
  private readonly channel: vscode.OutputChannel;
  private level: LogLevel;

  constructor(name = 'Gong') {
    this.channel = vscode.window.createOutputChannel(name);
    this.level = this.readLevel();
  }

  private readLevel(): LogLevel {
    const v = vscode.workspace.getConfiguration('gongExplorer').get<string>('logLevel', 'info');
    return (v in order ? v : 'info') as LogLevel;
  }

  refreshLevel(): void { this.level = this.readLevel(); }

  log(level: LogLevel, message: string): void {
    if (order[level] > order[this.level]) return;
    this.channel.appendLine(`${new Date().toISOString()} [${level}] ${message}`);
  }
  error(message: string): void { this.log('error', message); }
  warn(message: string): void { this.log('warn', message); }
  info(message: string): void { this.log('info', message); }
  debug(message: string): void { this.log('debug', message); }
  show(): void { this.channel.show(true); }
  dispose(): void { this.channel.dispose(); }
}
