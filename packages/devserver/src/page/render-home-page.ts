import { sendBody } from '../http/send-response.js';
import { stringifyJson } from '../json/stringify-json.js';
import { toJsonValue } from '../search/to-json-value.js';
import type { RequestInfo, ServerContext } from '../server/server-context.js';
import { quoteIdentifier } from '../store/quote-identifier.js';
import { isStreamType } from '../streams/stream-type.js';
import { escapeHtml } from './escape-html.js';

const LATEST_ROWS = 50;
const STYLE = `body{font:14px system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;margin:1rem 0}
td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top;max-width:40ch;overflow-wrap:anywhere}
th{background:#f4f4f4}code{background:#f4f4f4;padding:0 .25rem}`;

/**
 * `GET /?org=default&stream=x&type=logs`: streams with record counts, and the latest records of
 * one stream. Plain HTML, no scripts or external assets; every value is escaped.
 */
export async function renderHomePage(context: ServerContext, info: RequestInfo): Promise<void> {
  const org = info.url.searchParams.get('org') || 'default';
  const streamName = info.url.searchParams.get('stream');
  const typeParam = info.url.searchParams.get('type') ?? 'logs';
  const type = isStreamType(typeParam) ? typeParam : 'logs';
  const tables = context.store
    .list(org)
    .sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name));
  const link = (name: string, t: string) =>
    `/?org=${encodeURIComponent(org)}&type=${encodeURIComponent(t)}&stream=${encodeURIComponent(name)}`;
  const rows = tables
    .map(
      (t) =>
        `<tr><td><a href="${escapeHtml(link(t.name, t.type))}">${escapeHtml(t.name)}</a></td><td>${escapeHtml(t.type)}</td><td>${t.docNum}</td><td>${t.columns.size}</td></tr>`,
    )
    .join('');
  let detail = '';
  if (streamName) {
    const table = context.store.get(org, type, streamName);
    if (!table)
      detail = `<p>No ${escapeHtml(type)} stream <code>${escapeHtml(streamName)}</code> in this organization.</p>`;
    else {
      const records = await context.store.read(
        async (connection) => {
          const reader = await connection.runAndReadAll(
            `SELECT * FROM ${quoteIdentifier(table.table)} ORDER BY "_timestamp" DESC LIMIT ${LATEST_ROWS}`,
          );
          return reader.getRowObjectsJS() as Record<string, unknown>[];
        },
        [table],
      );
      const columns = [...table.columns.keys()];
      const cell = (v: unknown) => {
        const json = toJsonValue(v);
        return escapeHtml(json === null ? '' : typeof json === 'string' ? json : stringifyJson(json, true));
      };
      detail = `<h2>Latest ${records.length} records of <code>${escapeHtml(streamName)}</code></h2><table><tr>${columns
        .map((c) => `<th>${escapeHtml(c)}</th>`)
        .join(
          '',
        )}</tr>${records.map((r) => `<tr>${columns.map((c) => `<td>${cell(r[c])}</td>`).join('')}</tr>`).join('')}</table>`;
    }
  }
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>shoptel devserver</title>
<style>${STYLE}</style></head><body><h1>shoptel devserver</h1>
<p>Organization <code>${escapeHtml(org)}</code> · ${tables.length} streams · <a href="/?org=${encodeURIComponent(org)}">refresh</a></p>
<table><tr><th>stream</th><th>type</th><th>records</th><th>fields</th></tr>${rows || '<tr><td colspan="4">Nothing ingested yet.</td></tr>'}</table>
${detail}</body></html>`;
  sendBody(info.response, 200, 'text/html; charset=utf-8', html, {
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  });
}
