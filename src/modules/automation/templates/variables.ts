/**
 * The template language: plain text with {{variable}} placeholders. Output is plain text too: nothing is
 * HTML-escaped (chat platforms show text as written), and a value is never scanned again, so a member named
 * "{{date}}" is greeted by that name rather than by today's date.
 */

export const VARIABLES = ['member.name', 'member.link', 'community.name', 'workspace.name', 'date'] as const;
/** {{coupon.<coupon id>}}: claims that coupon for the member a private send goes to, and shows its name and code. */
export type CouponVariable = `coupon.${string}`;
export type VariableName = (typeof VARIABLES)[number] | CouponVariable;
export type VariableValues = Partial<Record<VariableName, string>>;

export type Segment = { kind: 'text'; text: string } | { kind: 'variable'; name: VariableName };

export interface Parsed { segments: Segment[]; problems: string[] }

const NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const COUPON_VARIABLE = /^coupon\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isCouponVariable = (name: string): name is CouponVariable => COUPON_VARIABLE.test(name);
const isKnown = (name: string): name is VariableName => (VARIABLES as readonly string[]).includes(name) || isCouponVariable(name);

/**
 * Splits a template into text and variables, listing every problem rather than the first, so an operator
 * fixes a text in one pass. Single braces are ordinary text; "{{" must be closed by "}}" and a "}}" must
 * close something, since a stray one is almost always a typo of a variable. Spaces inside braces are allowed.
 */
export function parseTemplate(text: string): Parsed {
  const segments: Segment[] = [];
  const problems: string[] = [];
  let i = 0;
  const pushText = (s: string) => {
    if (!s) return;
    const last = segments[segments.length - 1];
    if (last?.kind === 'text') last.text += s;
    else segments.push({ kind: 'text', text: s });
  };
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    const close = text.indexOf('}}', i);
    if (close !== -1 && (open === -1 || close < open)) {
      problems.push(`unmatched }} at character ${close + 1}`);
      pushText(text.slice(i, close + 2));
      i = close + 2;
      continue;
    }
    if (open === -1) {
      pushText(text.slice(i));
      break;
    }
    pushText(text.slice(i, open));
    const end = text.indexOf('}}', open + 2);
    const inner = end === -1 ? null : text.slice(open + 2, end);
    if (inner === null || inner.includes('{{')) {
      problems.push(`unclosed {{ at character ${open + 1}`);
      // Skip just the braces: what follows may still hold well-formed variables worth checking.
      pushText('{{');
      i = open + 2;
      continue;
    }
    const name = inner.trim();
    if (!name) problems.push(`empty variable {{}} at character ${open + 1}`);
    else if (isCouponVariable(name)) segments.push({ kind: 'variable', name });
    else if (!NAME.test(name)) problems.push(`invalid variable {{${inner}}} at character ${open + 1}`);
    else if (!isKnown(name)) problems.push(`unknown variable {{${name}}}`);
    else segments.push({ kind: 'variable', name });
    if (!name || (!isCouponVariable(name) && (!NAME.test(name) || !isKnown(name)))) pushText(text.slice(open, end + 2));
    i = end + 2;
  }
  return { segments, problems };
}

/** The variables a template uses, each once. */
export function variablesIn(text: string): VariableName[] {
  const seen = new Set<VariableName>();
  for (const s of parseTemplate(text).segments) if (s.kind === 'variable') seen.add(s.name);
  return [...seen];
}

export class MissingVariableError extends Error {
  constructor(readonly variable: VariableName) {
    super(`{{${variable}}} has no value here`);
  }
}

/**
 * Fills a template that passed validation. A variable without a value is an error, not an empty string:
 * "Hi , welcome" would go out to thousands of people before anyone noticed.
 */
export function renderTemplate(text: string, values: VariableValues): string {
  const { segments, problems } = parseTemplate(text);
  if (problems.length) throw new Error(`template does not validate: ${problems[0]}`);
  return segments.map((s) => {
    if (s.kind === 'text') return s.text;
    const v = values[s.name];
    if (v === undefined) throw new MissingVariableError(s.name);
    return v;
  }).join('');
}

/** YYYY-MM-DD of an instant on the wall clock of a time zone (the workspace's), which {{date}} shows. */
export function localDate(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}
