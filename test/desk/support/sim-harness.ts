import { Desk, type DeskOptions } from '../../../main/desk/desk';
import { createGatewaySession } from '../../../main/gateway/session';
import type { GatewayConnection } from '../../../main/gateway/types';
import type { DeskSnapshot, SignInRequest } from '../../../main/ipc/contract';
import type { Simulator } from '../../simulator/types';

/**
 * Waits until `probe` returns something truthy (polling every 5 ms); fails with `what`
 * after `limitMs`. A wait, not a timing assertion: the limit only bounds a broken run.
 */
export async function waitFor<T>(
  probe: () => T | null | undefined | false,
  what: string,
  limitMs = 10_000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() - started > limitMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A desk on the real client against `sim`, with short timeouts suited to tests. */
export function simDesk(
  sim: Simulator,
  extra: Partial<DeskOptions> = {},
  connection: Partial<GatewayConnection> = {},
): Desk {
  return new Desk({
    gatewayFactory: createGatewaySession,
    connections: async () => ({
      ok: true,
      value: [
        {
          baseUrl: sim.url,
          caPem: sim.caPem,
          pollTimeoutMs: 3_000,
          requestTimeoutMs: 3_000,
          ...connection,
        },
      ],
    }),
    pollGapMs: () => 20,
    // Confirming a signed-out answer takes ~8 s by default (assumptions.ts); tests shorten it.
    confirmDelaysMs: [0, 150, 400],
    ...extra,
  });
}

/** The sign-in request of simulator agent `index`. */
export function agent(sim: Simulator, index: number): SignInRequest {
  const a = sim.agents[index];
  if (a === undefined) throw new Error(`simulator has no agent #${index}`);
  return { agentId: a.id, password: a.password, phone: a.phone };
}

/** Signs in (forcing when a previous test left the agent signed in) and waits for live. */
export async function signIn(desk: Desk, req: SignInRequest): Promise<void> {
  let r = await desk.signIn(req);
  if (!r.ok && r.error.kind === 'already-signed-in') r = await desk.signIn({ ...req, force: true });
  if (!r.ok) throw new Error(`sign-in failed: ${JSON.stringify(r.error)}`);
  await waitFor(() => desk.snapshot().agent.state === 'ready', 'agent ready after sign-in');
}

/** Waits for a snapshot matching `probe`. */
export function until(
  desk: Desk,
  probe: (s: DeskSnapshot) => boolean,
  what: string,
  limitMs?: number,
) {
  return waitFor(
    () => {
      const s = desk.snapshot();
      return probe(s) ? s : null;
    },
    what,
    limitMs,
  );
}
