import { AppError } from '../../../core/errors.js';
import { contentProblems, normaliseContent, type Content, type ContentProblem, type ContentType } from './content.js';
import type { VariantInput } from './contracts.js';

/**
 * Checks a whole variant list at once and reports every problem with its field path
 * ("variants[1].content.text: unknown variable {{member.nmae}}"); the message names the first.
 * Answers the variants with their content normalised as it will be stored.
 */
export function validateVariants(type: ContentType, variants: VariantInput[]): VariantInput[] {
  const problems: ContentProblem[] = [];
  const seen = new Map<string, number>();
  variants.forEach((v, i) => {
    const folded = v.key.toLowerCase();
    // "a" and "A" side by side would be told apart by nobody reading the outcome table.
    if (seen.has(folded)) problems.push({ path: `variants[${i}].key`, message: `${v.key} is used twice (also variants[${seen.get(folded)}])` });
    else seen.set(folded, i);
    problems.push(...contentProblems(type, v.content, `variants[${i}].content`));
  });
  if (variants.length && !variants.some((v) => v.weight > 0)) problems.push({ path: 'variants', message: 'at least one variant needs a weight above 0' });
  if (problems.length) throw new AppError('validation', `${problems[0]!.path}: ${problems[0]!.message}`, problems);
  return variants.map((v) => ({ ...v, content: normaliseContent(type, v.content as Content) }));
}
