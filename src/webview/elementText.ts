/**
 * What a non-text element looks like in the list: a codicon and a line of text (and, for merged
 * forwards, the abstracts). Pure: the row renderer turns it into DOM.
 */
import type { ChatElementView } from '../shared/chatModel';
import { formatDuration, formatSize } from './format';
import type { Translate } from './strings';

export interface ElementSummary {
  /** A codicon name (without the `codicon-` prefix). */
  readonly icon: string;
  readonly text: string;
  /** Secondary line(s), muted. */
  readonly details: readonly string[];
}

export function summarizeElement(element: ChatElementView, t: Translate): ElementSummary | undefined {
  switch (element.kind) {
    case 'text':
      return undefined;
    case 'groupTips':
      return { icon: 'info', text: element.text, details: [] };
    case 'face':
      return { icon: 'smiley', text: element.data.length > 0 && element.data.length <= 32 ? element.data : t('element.face'), details: [] };
    case 'location': {
      const where = element.description || `${element.latitude.toFixed(5)}, ${element.longitude.toFixed(5)}`;
      return { icon: 'location', text: t('element.location', where), details: element.description ? [`${element.latitude.toFixed(5)}, ${element.longitude.toFixed(5)}`] : [] };
    }
    case 'image': {
      const details = [element.width > 0 && element.height > 0 ? `${element.width} × ${element.height}` : '', element.size > 0 ? formatSize(element.size, t) : ''].filter(Boolean);
      return { icon: 'file-media', text: t('element.image', element.name), details: details.length ? [details.join(' · ')] : [] };
    }
    case 'sound':
      return { icon: 'unmute', text: t('element.sound', formatDuration(element.durationSeconds)), details: element.size > 0 ? [formatSize(element.size, t)] : [] };
    case 'video':
      return { icon: 'device-camera-video', text: t('element.video', formatDuration(element.durationSeconds)), details: element.size > 0 ? [formatSize(element.size, t)] : [] };
    case 'file':
      return { icon: 'file', text: t('element.file', element.name, formatSize(element.size, t)), details: [] };
    case 'custom': {
      if (element.card) {
        return { icon: element.card.icon, text: element.card.text, details: element.card.details };
      }
      const details = [element.extension, element.description ? '' : element.data.slice(0, 200)].filter(Boolean);
      return { icon: 'symbol-misc', text: element.description || t('element.custom'), details };
    }
    case 'merger':
      // A received merged message carries no inner messages (they are downloaded on demand), so no count.
      return { icon: 'layers', text: element.count > 0 ? t('element.merger', element.title, element.count) : element.title, details: element.abstracts.slice(0, 4) };
    case 'unsupported':
      return { icon: 'question', text: t('element.unsupported', element.label), details: [] };
  }
}

/** Plain text of a message, for "Copy Text" and for estimating its height. */
export function plainTextOf(elements: readonly ChatElementView[], t: Translate): string {
  return elements
    .map((e) => (e.kind === 'text' ? e.text : (summarizeElement(e, t)?.text ?? '')))
    .join('\n');
}
