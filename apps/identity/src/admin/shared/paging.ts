import { badRequestError } from '../../../../../packages/kit/src/web/errors.ts'

export const PAGE_SIZE = 50

/** `?page=` as a page number from 1; anything else is a clear 400, never a database error. */
export function pageNumber(value: unknown): number {
  if (value === undefined || value === '') return 1
  if (typeof value !== 'string' || !/^\d{1,6}$/.test(value) || Number(value) < 1) throw badRequestError('The page number must be a whole number from 1.')
  return Number(value)
}

/** Links to the pages before and after, when there are any (one row more than a page is read to know). */
export function pagination(basePath: string, page: number, rowsRead: number, query: Record<string, string> = {}) {
  const link = (number: number) => `${basePath}?${new URLSearchParams({ ...query, page: String(number) }).toString()}`
  return {
    previous: page > 1 ? { href: link(page - 1) } : undefined,
    next: rowsRead > PAGE_SIZE ? { href: link(page + 1) } : undefined,
  }
}
