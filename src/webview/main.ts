/**
 * The chat webview's entry point: loads the controls and styles, builds the page with DOM APIs only
 * (never innerHTML with data), starts the controller and says `ready` to the host.
 */
import './chat.css';
import './tokens.css';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-context-menu/index.js';
import { ChatController, type WebviewState } from './chatController';
import { createChatView } from './chatView';
import { HostChannel } from './hostChannel';
import { createTranslate } from './strings';
import { vscodeApi } from './vscodeApi';

const api = vscodeApi<WebviewState>();
const channel = new HostChannel(api, window);
const root = document.getElementById('app');
if (root) {
  const view = createChatView(root, createTranslate());
  new ChatController(view, channel, api);
}
channel.ready();
