/**
 * The chat webview's entry point. Builds the page with DOM APIs only (never innerHTML with data), says
 * `ready` to the host, and keeps the conversation id in the webview state so a reload restores it.
 */
import './chat.css';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import { HostChannel } from './hostChannel';
import { vscodeApi } from './vscodeApi';
import { createChatView } from './chatView';

interface WebviewState {
  conversationId: string;
}

const api = vscodeApi<WebviewState>();
const channel = new HostChannel(api, window);
const root = document.getElementById('app');
if (root) {
  const view = createChatView(root);
  channel.on('app/state', (state) => {
    api.setState({ conversationId: state.conversationId });
    view.setTitle(state.title);
    void measureHostRoundTrip(view);
  });
}
channel.ready();

/** Shows whether the host answers, and how fast: the first thing to look at when the panel misbehaves. */
async function measureHostRoundTrip(view: ReturnType<typeof createChatView>): Promise<void> {
  const started = performance.now();
  try {
    const answer = await channel.request('app/ping', { text: 'ping' });
    if (answer.echo !== 'ping') {
      throw new Error('the host answered with something else');
    }
    view.setStatus(`Connected to host (${Math.round(performance.now() - started)} ms)`, 'ok');
  } catch (error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    view.setStatus(`Host does not answer: ${message}`, 'error');
    channel.command('app/log', { level: 'error', message: `ping failed: ${message}` });
  }
}
