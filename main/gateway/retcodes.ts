/**
 * The whole retcode table of gateway-protocol.md §8, one entry per code, in plain words an
 * agent understands (English and Simplified Chinese). Ranges in the table (`101-001…007`,
 * `104-001…012`, `200-019…022`) are expanded so every code has its own entry.
 */
import type { LocalizedText } from './types';

type Entry = readonly [code: string, en: string, zh: string];

const entries: readonly Entry[] = [
  ['0', 'Done.', '操作成功。'],
  ['000-001', 'The desk asked for events the wrong way.', '获取事件的方式不正确。'],
  [
    '000-002',
    'The gateway did not accept the request (wrong parameter or address).',
    '请求参数或地址有误，网关未接受。',
  ],
  [
    '000-003',
    'Your session is no longer valid. Please sign in again.',
    '您的会话已失效，请重新签入。',
  ],
  ['000-004', 'The gateway is switching over. Please wait a moment.', '网关正在切换，请稍候。'],
  ['000-005', 'You cannot inspect yourself.', '不能质检自己。'],
  ['000-006', 'The request contained a wrong value.', '请求中的参数有误。'],
  [
    '000-007',
    'The previous request has not finished yet. Please wait.',
    '上一个请求尚未完成，请稍候。',
  ],
  ['100-001', 'Sign-in details are missing or invalid.', '签入信息为空或无效。'],
  ['100-002', 'You are already signed in somewhere else.', '您已在其他地方签入。'],
  [
    '100-003',
    'The call platform is not available. Please try again later.',
    '呼叫平台暂不可用，请稍后重试。',
  ],
  // §3.1: a site that requires SM-encrypted passwords (LOGIN_PWD_DECRYPT_ENABLE) refuses our
  // plain password the same way; such sites are not supported, and the text says so.
  [
    '100-004',
    'Wrong agent ID or password. (Sites that require SM-encrypted passwords are not supported.)',
    '工号或密码错误。（不支持要求国密加密密码的站点。）',
  ],
  ['100-005', 'Sign-out details are invalid.', '签出参数无效。'],
  [
    '100-006',
    'You are not signed in (the session has ended). Please sign in again.',
    '您未签入（会话已结束），请重新签入。',
  ],
  ['100-007', 'The gateway could not do that right now.', '网关当前无法执行该操作。'],
  ['100-008', 'You are already signed out.', '您已签出。'],
  ['100-009', 'Your status could not be changed now.', '当前无法更改您的状态。'],
  [
    '100-010',
    'Sign-out is not possible in your current state (for example during a call).',
    '当前状态下无法签出（例如通话中）。',
  ],
  ['100-011', 'A sign-in value is invalid.', '签入参数无效。'],
  ['100-012', 'This agent type cannot sign in here.', '座席类型错误，无法签入。'],
  ['100-013', 'The phone number is not valid.', '绑定的电话号码无效。'],
  ['100-014', 'The phone number is outside the allowed range.', '电话号码不在允许的范围内。'],
  [
    '100-015',
    'You are signed in elsewhere and that session may not be ended from here.',
    '您已在其他地方签入，且不允许强制签入。',
  ],
  ['100-016', 'Your computer address is not valid for sign-in.', '签入使用的 IP 地址无效。'],
  ['100-017', 'Portal authentication failed.', 'uPortal 认证失败。'],
  ['100-018', 'The virtual call centre does not match.', '签入的 VDN 与放音 VDN 不一致。'],
  ['100-019', 'The skill query was invalid.', '查询技能的参数无效。'],
  ['100-020', 'Your password has expired. Please change it.', '您的密码已过期，请修改密码。'],
  ['100-021', 'Sign-in is already in progress. Please wait.', '正在签入中，请勿重复操作。'],
  ['110-016', 'Your account is locked.', '您的账号已被锁定。'],
  ...range('101', 1, 7, 'Conference error', '会议错误'),
  ...range('104', 1, 12, 'Recording download error', '录音下载错误'),
  ['105-001', 'The gateway has lost your session details.', '网关未缓存您的座席信息。'],
  [
    '105-002',
    'The gateway is recovering your session. Please wait.',
    '网关正在恢复您的会话，请稍候。',
  ],
  ['105-003', 'Session recovery has finished.', '会话恢复已完成。'],
  ['105-004', 'Your session could not be recovered.', '会话恢复排队失败。'],
  [
    '105-005',
    'Session recovery took too long. Please sign in again.',
    '会话恢复超时，请重新签入。',
  ],
  [
    '105-006',
    'Your session could not be recovered. Please sign in again.',
    '会话恢复时标识不匹配，请重新签入。',
  ],
  [
    '105-007',
    'Session recovery is switched off. Please sign in again.',
    '会话恢复已关闭，请重新签入。',
  ],
  ['200-001', 'The number dialled is wrong.', '拨打的号码有误。'],
  ['200-002', 'There is no call to answer.', '没有可接听的呼叫。'],
  ['200-003', 'There is no call to mute.', '没有可静音的呼叫。'],
  ['200-004', 'The call cannot be muted now.', '当前状态无法静音。'],
  ['200-005', 'There is no call to connect.', '没有可连接的呼叫。'],
  ['200-006', 'There is no held call to connect.', '没有保持中的呼叫可连接。'],
  ['200-007', 'There is no call to unmute.', '没有可取消静音的呼叫。'],
  ['200-008', 'The call cannot be unmuted now.', '当前状态无法取消静音。'],
  ['200-009', 'There is no call to play the announcement to.', '没有可放音的呼叫。'],
  ['200-010', 'There is no call for a three-party call.', '没有可进行三方通话的呼叫。'],
  ['200-011', 'There is no held call for a three-party call.', '没有保持中的呼叫可进行三方通话。'],
  ['200-012', 'There is no call to transfer.', '没有可转接的呼叫。'],
  ['200-013', 'There is no call to hold.', '没有可保持的呼叫。'],
  ['200-014', 'The call cannot be held now.', '当前呼叫状态无法保持。'],
  ['200-015', 'There is no held call to take back.', '没有保持中的呼叫可恢复。'],
  ['200-016', 'The held call cannot be taken back now.', '当前状态无法取回保持的呼叫。'],
  ['200-017', 'There is no call to hang up.', '没有可挂断的呼叫。'],
  ['200-018', 'There is no call to ask for help on.', '没有可内部求助的呼叫。'],
  ...range('200', 19, 22, 'Video still error', '视频静帧错误'),
  ['200-023', 'There is no call to release the number from.', '没有可释放号码的呼叫。'],
  ['200-024', 'There is no such number to release.', '没有可释放的号码。'],
  ['200-025', 'There is no call to end.', '没有可拆除的呼叫。'],
  ['200-026', 'There is no call.', '当前没有呼叫。'],
  [
    '200-036',
    'This preview is no longer valid. Wait for the next one.',
    '该预览外呼已失效，请等待下一个。',
  ],
];

function range(prefix: string, from: number, to: number, en: string, zh: string): Entry[] {
  const out: Entry[] = [];
  for (let n = from; n <= to; n += 1) {
    const code = `${prefix}-${String(n).padStart(3, '0')}`;
    out.push([code, `${en} (code ${code}).`, `${zh}（错误码 ${code}）。`]);
  }
  return out;
}

/** Every §8 retcode with its plain-words text. */
export const RETCODE_TEXTS: ReadonlyMap<string, LocalizedText> = new Map(
  entries.map(([code, en, zh]) => [code, { en, zh }]),
);

/**
 * Plain words for a retcode; a code outside the table gets a generic sentence that still
 * names the code, so the agent can quote it to support (STYLE §5: never show nothing).
 */
export function retcodeText(retcode: string): LocalizedText {
  return (
    RETCODE_TEXTS.get(retcode) ?? {
      en: `The gateway refused the request (code ${retcode}).`,
      zh: `网关拒绝了该请求（错误码 ${retcode}）。`,
    }
  );
}
