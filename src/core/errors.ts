export type ErrorCode = 'validation' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'rate_limited' | 'internal';

const STATUS: Record<ErrorCode, number> = {
  validation: 400, unauthorized: 401, forbidden: 403, not_found: 404, conflict: 409, rate_limited: 429, internal: 500,
};

export interface FieldError { path: string; message: string }

export class AppError extends Error {
  readonly status: number;
  constructor(readonly code: ErrorCode, message: string, readonly fields: FieldError[] = []) {
    super(message);
    this.status = STATUS[code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const forbidden = (why = 'not allowed') => new AppError('forbidden', why);
export const invalid = (path: string, message: string) => new AppError('validation', `${path}: ${message}`, [{ path, message }]);
