import { AppError } from '../../../core/errors.js';
import type { PaymentProvider } from './provider.js';
import { sandboxProvider } from './sandbox-provider.js';

/** Every payment provider the platform speaks; a WeChat Pay adapter adds one line here. */
const PROVIDERS: ReadonlyMap<string, PaymentProvider> = new Map([sandboxProvider].map((p) => [p.name, p]));

export function providerNamed(name: string): PaymentProvider {
  const p = PROVIDERS.get(name);
  if (!p) throw new AppError('validation', `provider: unknown payment provider ${name}`, [{ path: 'provider', message: `one of ${[...PROVIDERS.keys()].join(', ')}` }]);
  return p;
}
