/*
 * A card's security code has no shape of its own (any 3 or 4 digits), so in a field named `cvv`
 * the name hides it (`mask-sensitive-data.ts`), and in free text only its name beside it gives it
 * away: `card declined, cvv 123`, `CVC: 1234`, `security code=123`. Those digits are masked with
 * as many asterisks, so the text keeps its length (a cut made after masking stays where it was).
 */

const NAMES = 'cvv2?|cvc2?|cav2|csc|security[ _-]?code|card[ _-]?verification[ _-]?(?:value|code)';
/** The name, up to 3 separator characters (`: `, ` = `, ` - `), then 3 or 4 digits alone. */
const CVV_MENTION = new RegExp(`\\b(${NAMES})([^\\w\\n]{0,3})(\\d{3,4})(?!\\d)`, 'gi');
/** Cheap pre-check: every name above holds one of these. */
const MAY_NAME_CVV = /cv|csc|cav|security|verification/i;

/** `text` with every security code written beside its name masked; `text` itself when none is. */
export function maskCvvMentions(text: string): string {
  // `cvv123` is the shortest mention: shorter text skips the regex test.
  if (text.length < 6 || !MAY_NAME_CVV.test(text)) return text;
  return text.replace(CVV_MENTION, (_match, name: string, gap: string, code: string) => {
    return name + gap + '*'.repeat(code.length);
  });
}
