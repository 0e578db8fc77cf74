import { maskCardNumbers } from './mask-card-numbers.js';
import { maskCvvMentions } from './mask-cvv-mentions.js';

/**
 * Card data masked in a string value: card numbers (see `maskCardNumbers`, and its `maxLength`)
 * and security codes written beside their name. Returns `text` itself when nothing was masked.
 */
export function maskCardData(text: string, maxLength?: number): string {
  return maskCvvMentions(maskCardNumbers(text, maxLength));
}
