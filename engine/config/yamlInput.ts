// YAML (or JSON, which is YAML) input validated by a zod schema, every problem reported with the
// file, the line of the offending field and what it allows.
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { InputError } from '../inputError';

export interface YamlInput<T> {
  readonly data: T;
  /** The line of the deepest existing node on `path` (for checks beyond the schema). */
  lineOf(path: readonly (string | number)[]): number;
}

export function readYamlInput<S extends z.ZodType>(text: string, file: string, schema: S, help: string): YamlInput<z.infer<S>> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true });
  const lineAt = (offset: number | undefined) => (offset === undefined ? 1 : lineCounter.linePos(offset).line);
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new InputError(file, e.linePos?.[0].line ?? lineAt(e.pos[0]), `is not valid YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`, 'fix the YAML syntax');
  }
  const lineOf = (path: readonly (string | number)[]) => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return lineAt(node.range[0]);
    }
    return 1;
  };
  const parsed = schema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const field = path.length === 0 ? 'the file' : `'${path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[')}'`;
    throw new InputError(file, lineOf(path), `${field}: ${issue.message}`, help);
  }
  return { data: parsed.data, lineOf };
}
