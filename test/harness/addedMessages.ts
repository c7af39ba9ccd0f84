/**
 * The ids of the messages a chat panel tells its webview were added (chat/messagesAdded), from now until
 * disposed: how an extension-host test sees what a panel shows without a webview of its own.
 */
interface NotifyingPanel {
  readonly channel: { notify: (method: never, params: never) => void };
}

export function watchAddedMessages(panel: NotifyingPanel): { readonly ids: string[]; dispose(): void } {
  const ids: string[] = [];
  const channel = panel.channel as unknown as { notify: (method: string, params: unknown) => void };
  const notify = channel.notify.bind(channel);
  channel.notify = (method, params) => {
    if (method === 'chat/messagesAdded') {
      ids.push(...(params as { messages: Array<{ id: string }> }).messages.map((m) => m.id));
    }
    notify(method, params);
  };
  return { ids, dispose: () => (channel.notify = notify) };
}
