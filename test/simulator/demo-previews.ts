/**
 * Realistic random previews for the demo mode: a customer with one to three numbers and
 * call data as JSON or key=value pairs (§7.1: callData is opaque, its format is the
 * campaign's).
 */
import { randomInt } from 'node:crypto';
import type { QueueFigures, PreviewRequest } from './types';

const GIVEN = ['Wei', 'Li Na', 'Anna', 'Jonas', 'María', 'Ahmed', 'Olga', 'Kenji', 'Fatima', 'Tom'];
const FAMILY = ['Zhang', 'Wang', 'Müller', 'García', 'Khan', 'Ivanova', 'Tanaka', 'Smith'];
const CAMPAIGNS = ['Overdue reminder', 'Renewal offer', 'Satisfaction survey', 'Card activation'];
const CURRENCIES = ['EUR', 'CNY', 'USD'];

function pick<T>(list: readonly T[]): T {
  const v = list[randomInt(list.length)];
  if (v === undefined) throw new Error('pick from an empty list');
  return v;
}

function digits(n: number): string {
  let s = '';
  while (s.length < n) s += String(randomInt(10));
  return s;
}

/** A mobile or landline number of 8–13 digits. */
function phoneNumber(): string {
  return randomInt(2) === 0 ? `13${digits(9)}` : `0${randomInt(1, 10)}${digits(randomInt(6, 10))}`;
}

/** A random preview: 1–3 distinct numbers, call data in JSON or key=value form. */
export function randomPreview(): PreviewRequest {
  const count = randomInt(1, 4);
  const numbers = new Set<string>();
  while (numbers.size < count) numbers.add(phoneNumber());
  const fields: Record<string, string> = {
    customerName: `${pick(GIVEN)} ${pick(FAMILY)}`,
    accountNo: `AC${digits(10)}`,
    amountDue: `${randomInt(10, 50_000)}.${digits(2)}`,
    currency: pick(CURRENCIES),
    campaign: pick(CAMPAIGNS),
    dueDate: new Date(Date.now() + randomInt(-30, 30) * 86_400_000).toISOString().slice(0, 10),
  };
  const callData =
    randomInt(2) === 0
      ? JSON.stringify(fields)
      : Object.entries(fields)
          .map(([k, v]) => `${k}=${v}`)
          .join(';');
  const list = [...numbers];
  // `_CallOut` carries at most 24 characters of numbers (§7.1).
  const short = list.join(',').length <= 24;
  return {
    numbers: list,
    callData,
    variant: short && randomInt(3) === 0 ? 'CallOut' : 'CallOut_Ex',
  };
}

/**
 * The next demo figures of a queue: calls waiting drift by at most two (0–15); the longest
 * wait grows while calls wait and is 0 when none do.
 */
export function driftQueue(
  f: Pick<QueueFigures, 'queueSize' | 'queueTime'>,
  elapsedSeconds: number,
): Pick<QueueFigures, 'queueSize' | 'queueTime'> {
  const queueSize = Math.max(0, Math.min(15, f.queueSize + randomInt(-2, 3)));
  if (queueSize === 0) return { queueSize, queueTime: 0 };
  const grown = f.queueSize === 0 ? randomInt(5, 60) : f.queueTime + Math.round(elapsedSeconds);
  return { queueSize, queueTime: Math.min(grown, 900) };
}
