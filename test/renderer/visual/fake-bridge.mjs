/**
 * Test-only: installs a fake `window.desk` in the page (Playwright init script) for the
 * visual check. Runs in the browser, so it is one self-contained function.
 */
/* global window */

/** @param {{ scenario: string }} arg */
export function installFakeDesk(arg) {
  const now = Date.now();
  const settings = {
    values: {
      gatewayUrl: 'https://cc-gw.bank.example.cn:8043',
      backupGatewayUrl: 'https://cc-gw2.bank.example.cn:8043',
      caFile: 'C:\\ProgramData\\AgentDesk\\site-ca.pem',
      pinSha256: '',
      pollGapMs: 200,
      pollTimeoutSeconds: 40,
      afterCall: 'ready',
      autoSignInMinutes: 10,
      countdownSeconds: 30,
      countdownAction: 'none',
      language: arg.lang ?? 'en',
      theme: 'system',
      notifyOnPreview: true,
      soundOnPreview: true,
      rememberedAgentId: '10421',
      rememberedPhone: '88015',
      notReadyReasons: [
        { code: 200, en: 'Meeting', zh: '会议' },
        { code: 201, en: 'Training', zh: '培训' },
      ],
      restReasons: [{ code: 1, en: 'Break', zh: '小休' }],
      restMinutes: [5, 15, 30],
      wrapUpMaxSeconds: 120,
      stayOnTop: false,
    },
    locked: ['gatewayUrl', 'backupGatewayUrl'],
    notice: null,
    hasSavedPassword: false,
    canSavePassword: true,
  };
  const fields = (pairs) => ({
    kind: 'fields',
    fields: pairs.map(([key, value]) => ({ key, value })),
  });
  const previews = [
    {
      controlId: '9007199254740993',
      numbers: ['13812345678', '02162345678'],
      callData: fields([
        ['Customer', 'Wang Fang'],
        ['Account', '6222 •••• •••• 4821'],
        ['Product', 'Credit card — Platinum'],
        ['Overdue', 'CNY 3,240.00 (12 days)'],
        ['Last contact', '2026-11-20 14:05, promised payment'],
        ['Campaign', 'Collections Q4 / wave 3'],
      ]),
      variant: 'CallOut_Ex',
      receivedAt: now - 42_000,
      dialling: null,
      declining: false,
      countdown: { endsAt: now + 18_000, action: 'decline' },
    },
    {
      controlId: '1536',
      numbers: ['13998765432'],
      callData: {
        kind: 'text',
        text: 'Renewal reminder: home insurance policy HX-2291-04 expires 2026-12-01.\nPrefers calls after 18:00.',
      },
      variant: 'Preview',
      receivedAt: now - 8_000,
      dialling: null,
      declining: false,
      countdown: null,
    },
  ];
  const recent = [
    {
      controlId: '1501',
      numbers: ['13700001111'],
      receivedAt: now - 900_000,
      endedAt: now - 600_000,
      outcome: { kind: 'called', number: '13700001111', result: 'talked', failure: null },
    },
    {
      controlId: '1502',
      numbers: ['13700002222'],
      receivedAt: now - 500_000,
      endedAt: now - 420_000,
      outcome: { kind: 'declined', auto: false },
    },
    {
      controlId: '1503',
      numbers: ['13700003333', '0105551234'],
      receivedAt: now - 400_000,
      endedAt: now - 300_000,
      outcome: { kind: 'called', number: '0105551234', result: 'not-answered', failure: null },
    },
    {
      controlId: '1504',
      numbers: ['13700004444'],
      receivedAt: now - 200_000,
      endedAt: now - 190_000,
      outcome: { kind: 'withdrawn' },
    },
  ];
  const log = [
    {
      seq: 41,
      at: now - 60_000,
      category: 'command',
      name: 'setAgentState',
      summary: 'ready → accepted',
    },
    {
      seq: 42,
      at: now - 42_000,
      category: 'event',
      name: 'AgentEvent_Preview_CallOut_Ex',
      summary: 'controlId 9007199254740993, 2 numbers',
    },
    {
      seq: 43,
      at: now - 20_000,
      category: 'connection',
      name: 'poll',
      summary: 'slow answer 9.8 s',
    },
    {
      seq: 44,
      at: now - 8_000,
      category: 'event',
      name: 'AgentEvent_Preview',
      summary: 'controlId 1536, 1 number',
    },
  ];
  const base = {
    seq: 1,
    at: now,
    session: {
      phase: 'signed-in',
      agentId: '10421',
      phone: '88015',
      signedInAt: now - 3_600_000,
      lastSignOut: null,
      password: { mustChange: false, daysLeft: null },
    },
    connection: {
      health: 'live',
      since: now - 3_600_000,
      error: null,
      nextAttemptAt: null,
      lastSuccessAt: now,
      resyncing: false,
    },
    agent: {
      state: 'ready',
      since: now - 754_000,
      reason: null,
      restEndsAt: null,
      restOverdue: false,
      pending: null,
    },
    previews,
    recent,
    call: null,
    queue: {
      skills: [
        {
          skillId: 3,
          name: 'Collections',
          waiting: 4,
          longestWaitSeconds: 95,
          availableAgents: 2,
          loggedOnAgents: 11,
        },
        {
          skillId: 7,
          name: 'Renewals',
          waiting: 0,
          longestWaitSeconds: 0,
          availableAgents: 5,
          loggedOnAgents: 8,
        },
      ],
      updatedAt: now - 12_000,
      isStale: false,
    },
    wrapUp: null,
    log: { total: 44, latest: log },
  };
  const scenarios = {
    'sign-in': {
      ...base,
      session: {
        ...base.session,
        phase: 'signed-out',
        agentId: null,
        lastSignOut: { kind: 'lost', detail: 'no answer for 110 s' },
        password: null,
      },
      connection: { ...base.connection, health: 'offline' },
    },
    desk: base,
    call: {
      ...base,
      previews: [previews[1]],
      agent: {
        ...base.agent,
        state: 'busy',
        since: now - 95_000,
        pending: { state: 'rest', seconds: 900 },
      },
      connection: {
        ...base.connection,
        health: 'reconnecting',
        nextAttemptAt: now + 3_000,
        error: { kind: 'network', code: 'ECONNRESET', detail: 'socket hang up' },
      },
      call: {
        callId: '1732611111-22',
        controlId: '9007199254740993',
        number: '13812345678',
        callData: previews[0].callData,
        phase: 'talking',
        startedAt: now - 95_000,
        talkingSince: now - 83_000,
        endedAt: null,
        isHeld: false,
        failure: null,
        dtmf: { sent: '1#20491', inFlight: '8', queued: '37#', unsent: '', error: null },
        hangingUp: false,
      },
    },
    settings: base,
  };
  const snapshot = scenarios[arg.scenario] ?? base;
  const ok = (value) => Promise.resolve({ ok: true, value });
  window.desk = {
    signIn: () => ok({}),
    signOut: () => ok(undefined),
    setAgentState: () => ok(undefined),
    dialPreview: () => ok({ callId: 'x' }),
    declinePreview: () => ok(undefined),
    sendDigits: () => ok(undefined),
    hangUp: () => ok(undefined),
    holdCall: () => ok(undefined),
    unholdCall: () => ok(undefined),
    getSnapshot: () => ok(snapshot),
    getEventLog: () => ok(log),
    getSettings: () => ok(settings),
    updateSettings: (req) => ok({ ...settings, values: { ...settings.values, ...req } }),
    testConnection: () =>
      ok({
        ok: false,
        steps: [
          { name: 'dns', ok: true, skipped: false, durationMs: 3, detail: '10.20.4.17' },
          { name: 'tcp', ok: true, skipped: false, durationMs: 11, detail: '10.20.4.17:8043' },
          {
            name: 'tls',
            ok: false,
            skipped: false,
            durationMs: 24,
            detail: 'unable to verify the first certificate (issuer CN=Bank Root CA)',
          },
          { name: 'sign-in', ok: false, skipped: true, durationMs: 0, detail: '' },
        ],
      }),
    exportDiagnostics: () => ok({ path: '/tmp/d.zip' }),
    forgetSavedPassword: () => ok(undefined),
    notifyAgent: () =>
      Promise.resolve({ ok: false, error: { kind: 'refused', reason: 'not-available' } }),
    setStayOnTop: () =>
      Promise.resolve({ ok: false, error: { kind: 'refused', reason: 'not-available' } }),
    extendWrapUp: () =>
      Promise.resolve({ ok: false, error: { kind: 'refused', reason: 'not-in-wrap-up' } }),
    signInAgainNow: () => ok(undefined),
    stopSigningInAgain: () => ok(undefined),
    onChanged: () => () => undefined,
  };
}
