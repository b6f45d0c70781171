/**
 * What the tray icon shows for a snapshot. Pure: the tray (tray.ts) only applies it.
 */
import type { DeskSnapshot, Locale } from '../ipc/contract';
import { isCallActive } from '../desk/call-machine';

/** The four tray images (drawn by icon-art.ts). */
export type TrayIconName = 'ready' | 'busy' | 'rest' | 'offline';

/** The tray's image and tooltip. */
export interface TrayState {
  icon: TrayIconName;
  tooltip: string;
}

type Phrase =
  | 'signedOut'
  | 'signingIn'
  | 'signingOut'
  | 'signingInAgain'
  | 'lost'
  | 'reconnecting'
  | 'onCall'
  | 'ready'
  | 'notReady'
  | 'rest'
  | 'wrapUp'
  | 'busy'
  | 'unknown'
  | 'previews';

const phrases: Record<Locale, Record<Phrase, string>> = {
  en: {
    signedOut: 'Signed out',
    signingIn: 'Signing in…',
    signingOut: 'Signing out…',
    signingInAgain: 'Signing in again…',
    lost: 'Connection lost',
    reconnecting: 'Reconnecting…',
    onCall: 'On a call',
    ready: 'Ready',
    notReady: 'Not ready',
    rest: 'On rest',
    wrapUp: 'Wrap-up',
    busy: 'Busy',
    unknown: 'State unknown',
    previews: 'waiting',
  },
  'zh-CN': {
    signedOut: '已签出',
    signingIn: '正在签入…',
    signingOut: '正在签出…',
    signingInAgain: '正在重新签入…',
    lost: '连接已断开',
    reconnecting: '正在重新连接…',
    onCall: '通话中',
    ready: '空闲',
    notReady: '示忙',
    rest: '休息中',
    wrapUp: '整理态',
    busy: '忙碌',
    unknown: '状态未知',
    previews: '个预览等待处理',
  },
};

/**
 * Tray image and tooltip. Signed out or a lost connection shows `offline` (the agent cannot
 * take calls, whatever the last known state was); a live call shows `busy`; otherwise the
 * agent state decides. The tooltip adds the number of waiting previews.
 */
export function trayState(snapshot: DeskSnapshot, locale: Locale = 'en'): TrayState {
  const t = phrases[locale];
  const base = baseState(snapshot, t);
  const waiting = snapshot.previews.length;
  const suffix =
    snapshot.session.phase === 'signed-in' && waiting > 0
      ? locale === 'en'
        ? ` — ${waiting} preview${waiting === 1 ? '' : 's'} ${t.previews}`
        : ` — ${waiting} ${t.previews}`
      : '';
  const who = snapshot.session.agentId === null ? '' : ` (${snapshot.session.agentId})`;
  return { icon: base.icon, tooltip: `Agent Desk${who}: ${base.label}${suffix}` };
}

function baseState(
  snapshot: DeskSnapshot,
  t: Record<Phrase, string>,
): { icon: TrayIconName; label: string } {
  switch (snapshot.session.phase) {
    case 'signed-out':
      return { icon: 'offline', label: t.signedOut };
    case 'signing-in':
      return { icon: 'offline', label: t.signingIn };
    case 'signing-out':
      return { icon: 'offline', label: t.signingOut };
    case 'signing-in-again':
      return { icon: 'offline', label: t.signingInAgain };
    case 'signed-in':
      break;
  }
  if (snapshot.connection.health === 'lost' || snapshot.connection.health === 'offline') {
    return { icon: 'offline', label: t.lost };
  }
  if (snapshot.connection.health === 'reconnecting') {
    return { icon: 'offline', label: t.reconnecting };
  }
  if (isCallActive(snapshot.call)) {
    return { icon: 'busy', label: t.onCall };
  }
  switch (snapshot.agent.state) {
    case 'ready':
      return { icon: 'ready', label: t.ready };
    case 'rest':
      return { icon: 'rest', label: t.rest };
    case 'not-ready':
      return { icon: 'busy', label: t.notReady };
    case 'wrap-up':
      return { icon: 'busy', label: t.wrapUp };
    case 'busy':
      return { icon: 'busy', label: t.busy };
    case 'signed-out':
      return { icon: 'offline', label: t.signedOut };
    case 'unknown':
      return { icon: 'busy', label: t.unknown };
  }
}
