// The README's TypeScript blocks and the `@example`s of the public entries are what a new user
// copies first: each must type-check against the package's own types, strict. The shop's own
// objects (an Express `app`, a consent banner, a customer, the shop's config) are declared.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SHOP = `
declare const app: { post(path: string, handler: unknown): void };
declare const consentBanner: { onAccept(listener: () => void): void };
declare const customer: { id: string };
declare const config: { ingestionToken: string; ingestToken: string };
`;

/** The README's ```ts blocks: the backend's (they use `app`) as one module, each other alone. */
function readmeBlocks(): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
  const backend = blocks.filter((block) => block.includes('app.'));
  return [backend.join('\n'), ...blocks.filter((block) => !block.includes('app.'))];
}

/** `@example`s of the entries' doc comments, one line or the lines after it. */
function examples(file: string, entry: string, names = 'init'): string[] {
  const source = readFileSync(join(root, file), 'utf8');
  return [...source.matchAll(/@example([^\n]*)\n((?: \*(?! ?\/)[^\n]*\n)*)/g)].map((match) => {
    const lines = [match[1]!, ...match[2]!.split('\n').map((line) => line.replace(/^ \* ?/, ''))];
    return `import { ${names} } from '${entry}';\n${lines.join('\n')}`;
  });
}

function typeErrors(snippets: string[]): string[] {
  const files = new Map(snippets.map((code, i) => [join(root, `snippet-${i}.ts`), SHOP + code]));
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: ['node'],
    skipLibCheck: true,
    baseUrl: root,
    paths: {
      '@shoptel/browser': ['src/index.ts'],
      '@shoptel/browser/direct': ['src/direct/index.ts'],
      '@shoptel/browser/tracing': ['src/tracing/index.ts'],
    },
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile;
  host.readFile = (name) => files.get(name) ?? readFile(name);
  const fileExists = host.fileExists;
  host.fileExists = (name) => files.has(name) || fileExists(name);
  const program = ts.createProgram([...files.keys()], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file && files.has(d.file.fileName))
    .map(
      (d) => `${d.file!.fileName.slice(root.length)}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`,
    );
}

describe('documented examples', () => {
  it('type-check: the README blocks and the entries and options doc comments', () => {
    const snippets = [
      ...readmeBlocks(),
      ...examples('src/client/init.ts', '@shoptel/browser'),
      ...examples('src/options/browser-options.ts', '@shoptel/browser'),
      ...examples('src/direct/index.ts', '@shoptel/browser/direct'),
      ...examples('src/tracing/tracing-options.ts', '@shoptel/browser/tracing', 'startTracing'),
    ];
    expect(snippets.length).toBeGreaterThan(7);
    expect(typeErrors(snippets)).toEqual([]);
  });
});
