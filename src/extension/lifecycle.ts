/**
 * Ownership of disposables, after VS Code's own lifecycle.ts: every registration belongs to something
 * that is disposed, so nothing outlives the extension.
 */
import type * as vscode from 'vscode';

/** Disposes everything in `items` and empties it (a list of subscriptions renewed at each sign-in, say). */
export function disposeAll(items: vscode.Disposable[]): void {
  for (const item of items.splice(0)) {
    item.dispose();
  }
}

export class Disposable implements vscode.Disposable {
  private readonly owned: vscode.Disposable[] = [];
  private disposed = false;

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  /** Takes ownership of `item`; it is disposed with this object (or at once if this is disposed). */
  protected register<T extends vscode.Disposable>(item: T): T {
    if (this.disposed) {
      item.dispose();
    } else {
      this.owned.push(item);
    }
    return item;
  }

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    // Dispose in reverse order of registration, as a stack unwinds.
    for (const item of this.owned.splice(0).reverse()) {
      try {
        item.dispose();
      } catch {
        // One failing disposable must not keep the others alive.
      }
    }
  }
}
