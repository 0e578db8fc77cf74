/** One label matcher, as Alertmanager's silences carry them. */
export interface LabelMatcher {
  name: string;
  value: string;
  /** `=~` / `!~`: the value is a regular expression, anchored at both ends. */
  isRegex: boolean;
  /** `=` / `=~` when true, `!=` / `!~` when false. @default true */
  isEqual?: boolean;
}

const MATCHER = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"\s*$/;

/**
 * Parses `{host=~"web-.*", env!="dev"}` (braces optional, comma-separated). An empty string is
 * no matcher at all, which matches every alert. Throws a TypeError naming the bad part.
 */
export function parseLabelMatchers(text: string, field = 'matchers'): LabelMatcher[] {
  const inner = text.trim().replace(/^\{/, '').replace(/\}$/, '').trim();
  if (inner === '') return [];
  return splitOutsideQuotes(inner).map((part) => {
    const match = MATCHER.exec(part);
    if (!match) throw new TypeError(`${field}: cannot read matcher '${part.trim()}' (e.g. host=~"web-.*")`);
    const op = match[2] as string;
    const matcher: LabelMatcher = {
      name: match[1] as string,
      value: (match[3] as string).replace(/\\(.)/g, '$1'),
      isRegex: op === '=~' || op === '!~',
      isEqual: op === '=' || op === '=~',
    };
    if (matcher.isRegex) compileAnchored(matcher.value, field);
    return matcher;
  });
}

/** True when every matcher holds for `labels` (a missing label reads as empty, as in Alertmanager). */
export function matchesLabels(matchers: readonly LabelMatcher[], labels: Record<string, string>): boolean {
  return matchers.every((m) => {
    const actual = labels[m.name] ?? '';
    const hit = m.isRegex ? compileAnchored(m.value, 'matcher').test(actual) : actual === m.value;
    return (m.isEqual ?? true) ? hit : !hit;
  });
}

/** Checks matcher objects given through the API; throws a TypeError naming `field`. */
export function assertLabelMatchers(matchers: unknown, field: string): asserts matchers is LabelMatcher[] {
  if (!Array.isArray(matchers) || matchers.length === 0)
    throw new TypeError(`${field}: must be a non-empty array of { name, value, isRegex }`);
  for (const m of matchers as LabelMatcher[]) {
    if (typeof m?.name !== 'string' || typeof m.value !== 'string' || typeof m.isRegex !== 'boolean')
      throw new TypeError(`${field}: each matcher needs a string name and value and a boolean isRegex`);
    if (m.isRegex) compileAnchored(m.value, field);
  }
}

const compiled = new Map<string, RegExp>();
// Regexes are fully anchored (Alertmanager): host=~"web" does not match "web-1".
function compileAnchored(source: string, field: string): RegExp {
  let regex = compiled.get(source);
  if (regex) return regex;
  try {
    regex = new RegExp(`^(?:${source})$`);
  } catch (error) {
    throw new TypeError(`${field}: invalid regular expression '${source}': ${(error as Error).message}`);
  }
  compiled.set(source, regex);
  return regex;
}

function splitOutsideQuotes(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '\\' && quoted) {
      current += ch + (text[i + 1] ?? '');
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
      current += ch;
    } else if (ch === ',' && !quoted) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.filter((p) => p.trim() !== '');
}
