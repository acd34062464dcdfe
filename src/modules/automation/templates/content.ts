import { parseTemplate, renderTemplate, variablesIn, type VariableName, type VariableValues } from './variables.js';

export const CONTENT_TYPES = ['text', 'image', 'link', 'mini_program'] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];

/** One variant's content; which fields apply depends on the template's content type. */
export interface Content {
  text?: string; url?: string; caption?: string; title?: string; description?: string; coverUrl?: string; appId?: string; pagePath?: string;
}

interface FieldRule { required: boolean; max: number; kind: 'template' | 'url' | 'appId' | 'path' }

const text = (max: number, required = true): FieldRule => ({ required, max, kind: 'template' });
const url = (required = true): FieldRule => ({ required, max: 2000, kind: 'url' });

/**
 * Which fields each type has. Variables are filled only in what people read (text, caption, title,
 * description); addresses are literal, because a name filled into a URL would need encoding the operator
 * cannot see, and a mini-program path is resolved by the platform.
 */
export const FIELDS: Record<ContentType, Partial<Record<keyof Content, FieldRule>>> = {
  text: { text: text(4000) },
  image: { url: url(), caption: text(1000, false) },
  link: { title: text(200), description: text(500, false), url: url(), coverUrl: url(false) },
  mini_program: { title: text(200), appId: { required: true, max: 64, kind: 'appId' }, pagePath: { required: true, max: 500, kind: 'path' }, coverUrl: url(false) },
};

export interface ContentProblem { path: string; message: string }

function checkAddress(rule: FieldRule, value: string): string | null {
  if (value.includes('{{') || value.includes('}}')) return 'variables are not allowed here; write the address literally';
  if (rule.kind === 'url') {
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      return 'must be an http(s) URL';
    }
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? null : 'must be an http(s) URL';
  }
  if (rule.kind === 'appId') return /^[A-Za-z0-9_-]+$/.test(value) ? null : 'letters, digits, _ and - only';
  return /\s/.test(value) ? 'must not contain spaces' : null;
}

/**
 * Problems of one variant's content, each with its field path under `at` (e.g. "variants[0].content"),
 * so the console can show the message under the right input.
 */
export function contentProblems(type: ContentType, content: unknown, at: string): ContentProblem[] {
  if (typeof content !== 'object' || content === null || Array.isArray(content)) return [{ path: at, message: 'must be an object' }];
  const rules = FIELDS[type];
  const problems: ContentProblem[] = [];
  for (const key of Object.keys(content)) {
    if (!(key in rules)) problems.push({ path: `${at}.${key}`, message: `not a field of ${type} content` });
  }
  for (const [key, rule] of Object.entries(rules) as [keyof Content, FieldRule][]) {
    const path = `${at}.${key}`;
    const value = (content as Record<string, unknown>)[key];
    if (value === undefined || value === null || value === '') {
      if (rule.required) problems.push({ path, message: 'is required' });
      continue;
    }
    if (typeof value !== 'string') { problems.push({ path, message: 'must be text' }); continue; }
    if (!value.trim()) { problems.push({ path, message: 'must not be blank' }); continue; }
    if (value.length > rule.max) { problems.push({ path, message: `at most ${rule.max} characters` }); continue; }
    if (rule.kind === 'template') {
      for (const message of parseTemplate(value).problems) problems.push({ path, message });
    } else {
      const message = checkAddress(rule, value.trim());
      if (message) problems.push({ path, message });
    }
  }
  return problems;
}

/** The content as stored: known fields only, addresses trimmed, empty optional fields left out. */
export function normaliseContent(type: ContentType, content: Content): Content {
  const out: Content = {};
  for (const [key, rule] of Object.entries(FIELDS[type]) as [keyof Content, FieldRule][]) {
    const value = content[key];
    if (value === undefined || value === null || value === '') continue;
    out[key] = rule.kind === 'template' ? value : value.trim();
  }
  return out;
}

export function contentVariables(type: ContentType, content: Content): VariableName[] {
  const seen = new Set<VariableName>();
  for (const [key, rule] of Object.entries(FIELDS[type]) as [keyof Content, FieldRule][]) {
    if (rule.kind === 'template' && content[key]) for (const v of variablesIn(content[key])) seen.add(v);
  }
  return [...seen];
}

/** Fills every readable field; addresses pass through. Throws MissingVariableError like renderTemplate. */
export function renderContent(type: ContentType, content: Content, values: VariableValues): Content {
  const out: Content = {};
  for (const [key, rule] of Object.entries(FIELDS[type]) as [keyof Content, FieldRule][]) {
    const value = content[key];
    if (value === undefined) continue;
    out[key] = rule.kind === 'template' ? renderTemplate(value, values) : value;
  }
  return out;
}

/**
 * One line of plain text for the outbox payload's `text`: what a channel that cannot show a card (and the
 * sandbox timeline) displays. Cards keep their full form in the payload's `content`.
 */
export function plainText(type: ContentType, c: Content): string {
  switch (type) {
    case 'text': return c.text ?? '';
    case 'image': return [c.caption, c.url].filter(Boolean).join('\n');
    case 'link': return [c.title, c.description, c.url].filter(Boolean).join('\n');
    case 'mini_program': return `${c.title ?? ''}\n[mini program ${c.appId ?? ''} ${c.pagePath ?? ''}]`;
  }
}
