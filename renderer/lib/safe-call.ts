/** Calls a bridge method; a throw (which the contract forbids) still becomes a visible error. */
import type { DeskResult } from '../../main/ipc/contract';

export async function safeCall<T>(call: () => Promise<DeskResult<T>>): Promise<DeskResult<T>> {
  try {
    return await call();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { kind: 'internal', detail } };
  }
}
