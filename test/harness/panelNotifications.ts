/**
 * What a chat panel tells its webview, from now until disposed: how an extension-host test sees what a
 * panel shows without a webview of its own.
 */
interface NotifyingPanel {
  readonly channel: { notify: (method: never, params: never) => void };
}

/** The params of every `method` notification the panel sends (each also handed to `each` as it comes). */
export function watchNotifications<P>(panel: NotifyingPanel, method: string, each?: (params: P) => void): { readonly params: P[]; dispose(): void } {
  const params: P[] = [];
  const channel = panel.channel as unknown as { notify: (method: string, params: unknown) => void };
  const notify = channel.notify.bind(channel);
  channel.notify = (sent, sentParams) => {
    if (sent === method) {
      params.push(sentParams as P);
      each?.(sentParams as P);
    }
    notify(sent, sentParams);
  };
  return { params, dispose: () => (channel.notify = notify) };
}

/** The ids of the messages the panel says were added (chat/messagesAdded), in one array that grows. */
export function watchAddedMessages(panel: NotifyingPanel): { readonly ids: readonly string[]; dispose(): void } {
  const ids: string[] = [];
  const { dispose } = watchNotifications<{ messages: Array<{ id: string }> }>(panel, 'chat/messagesAdded', (p) => ids.push(...p.messages.map((m) => m.id)));
  return { ids, dispose };
}
