/**
 * What an organisation's policy may set, field by field (issue #12). One entry per setting,
 * checked by `satisfies` against every settings key: a new setting does not compile until it
 * says whether policy may set it. The policy readers accept only `settable` fields, and the
 * templates in build/policy/ (ADMX/ADML, .mobileconfig, policies.json) are generated from
 * this table plus each field's schema in fields.ts (`policyShape` reads type, range and
 * choices from the schema, so the templates cannot drift from what the desk accepts).
 */
import type * as v from 'valibot';
import type { DeskSettings, SettingsKey } from '../ipc/contract';
import { settingsFields, settingsKeys } from './fields';

/** A text in both languages of the app (ADML en-US and zh-CN). */
export interface PolicyText {
  en: string;
  'zh-CN': string;
}

/** A setting an administrator may set, mandatory or recommended. */
export interface SettablePolicy<T> {
  settable: true;
  /** The policy's name in the Group Policy editor. */
  title: PolicyText;
  /** What it does, for administrators (the value type is added by the generator). */
  explain: PolicyText;
  /** Labels of the choices, for a setting with a fixed set of values. */
  choices?: Record<string, PolicyText>;
  /** What the example templates (.mobileconfig, policies.json) show, at which level. */
  example?: { value: T; as: 'mandatory' | 'recommended' };
}

/** A setting that stays the agent's own; `why` is said in the administrator guide. */
export interface UnsettablePolicy {
  settable: false;
  why: string;
}

export type FieldPolicy<T> = SettablePolicy<T> | UnsettablePolicy;

const text = (en: string, zh: string): PolicyText => ({ en, 'zh-CN': zh });

/** Policy metadata of every setting: a new setting without an entry does not compile. */
export type FieldPolicies = { [K in SettingsKey]: FieldPolicy<DeskSettings[K]> };

/** Every setting's policy metadata, in the order of `settingsKeys`. */
export const fieldPolicies: FieldPolicies = {
  gatewayUrl: {
    settable: true,
    title: text('Gateway address', '网关地址'),
    explain: text(
      'The https:// address of the CC-Gateway or its load balancer, with the port and no path, e.g. https://cc-gw.example.internal:8043.',
      'CC-Gateway 或其负载均衡器的 https:// 地址，含端口、不含路径，例如 https://cc-gw.example.internal:8043。',
    ),
    example: { value: 'https://cc-gw.example.internal:8043', as: 'mandatory' },
  },
  backupGatewayUrl: {
    settable: true,
    title: text('Backup gateway address', '备用网关地址'),
    explain: text(
      'Tried at sign-in when the primary gateway cannot be reached. Empty: no backup.',
      '主网关无法连接时，登录时尝试此地址。留空表示没有备用网关。',
    ),
    example: { value: 'https://cc-gw2.example.internal:8043', as: 'mandatory' },
  },
  caFile: {
    settable: true,
    title: text('Site CA file', '站点 CA 文件'),
    explain: text(
      "Absolute path of a PEM file holding the CA that issued the gateway certificate. It is trusted in addition to the operating system's certificate store and the bundled roots; not needed when that CA is installed in the system store.",
      '签发网关证书的 CA 的 PEM 文件的绝对路径。除操作系统证书存储和内置根证书外，另行信任此 CA；若该 CA 已安装到系统证书存储，则无需设置。',
    ),
    example: { value: '/etc/agent-desk/site-ca.pem', as: 'mandatory' },
  },
  pinSha256: {
    settable: true,
    title: text('Gateway certificate pin (SHA-256)', '网关证书固定（SHA-256）'),
    explain: text(
      "SHA-256 fingerprint of the gateway's certificate (64 hex digits, colons allowed). When set, any other certificate is refused even if it is trusted: change the pin together with the certificate.",
      '网关证书的 SHA-256 指纹（64 位十六进制，可含冒号）。设置后，即使其他证书受信任也会被拒绝：更换证书时须同时更新此值。',
    ),
  },
  pollGapMs: {
    settable: true,
    title: text('Pause after an empty event poll (ms)', '空事件轮询后的间隔（毫秒）'),
    explain: text(
      'How long the desk waits before asking the gateway for events again after an empty answer. The vendor guide recommends 200–500 ms.',
      '事件轮询返回为空后，再次向网关请求事件前的等待时间。厂商指南建议 200–500 毫秒。',
    ),
    example: { value: 200, as: 'recommended' },
  },
  pollTimeoutSeconds: {
    settable: true,
    title: text('Event poll timeout (seconds)', '事件轮询超时（秒）'),
    explain: text(
      'How long the desk waits for an answer to the event long poll before it counts it as empty. It must exceed the hold configured on the gateway (10 s by default; disaster-recovery sites often lengthen it).',
      '等待事件长轮询应答的时间，超时视为空应答。必须大于网关配置的挂起时间（默认 10 秒；容灾站点常会加长）。',
    ),
    example: { value: 40, as: 'recommended' },
  },
  afterCall: {
    settable: true,
    title: text('After a call', '通话结束后'),
    explain: text(
      "The agent's state when a call ends: ready for the next call at once, or wrap-up until the agent presses Ready (the releasephone/autoenteridle pair sent at sign-in; applies from the next sign-in).",
      '通话结束后坐席的状态：立即可接下一通电话，或进入整理态直到坐席按“示闲”（签入时发送的 releasephone/autoenteridle 参数；下次签入时生效）。',
    ),
    choices: {
      ready: text('Ready for the next call', '立即可接下一通电话'),
      'wrap-up': text('Wrap-up until the agent presses Ready', '整理态，直到坐席示闲'),
    },
    example: { value: 'wrap-up', as: 'recommended' },
  },
  autoSignInMinutes: {
    settable: true,
    title: text('Sign in again automatically (minutes)', '自动重新签入（分钟）'),
    explain: text(
      'After a gateway restart, a failover, sleep or a network loss, the desk signs the agent in again by itself for this many minutes, with the password kept in memory only for the session (never stored). 0 = never: the password is not kept and the agent signs in by hand. Never after the agent signed out, a supervisor ended the session or the agent ID was signed in on another desk.',
      '网关重启、主备切换、休眠或断网后，工作台在这段时间内自动为坐席重新签入，所用密码仅在会话期间保存在内存中（从不存盘）。0 = 从不：不保留密码，坐席需手动签入。坐席自行签出、班长结束会话或工号已在其他工作台签入后，从不自动重新签入。',
    ),
    example: { value: 10, as: 'recommended' },
  },
  countdownSeconds: {
    settable: true,
    title: text('Preview countdown (seconds)', '预览倒计时（秒）'),
    explain: text(
      'Time the agent has to decide on a preview before the countdown action runs. 0 turns the countdown off.',
      '坐席处理预览的时限，超时后执行倒计时结束动作。0 表示关闭倒计时。',
    ),
    example: { value: 30, as: 'recommended' },
  },
  countdownAction: {
    settable: true,
    title: text('When the preview countdown ends', '预览倒计时结束时'),
    explain: text(
      'What the desk does when the countdown ends: nothing, call the first number, or decline the preview.',
      '倒计时结束时的动作：不做任何操作、呼叫第一个号码或拒绝预览。',
    ),
    choices: {
      none: text('Do nothing', '不做任何操作'),
      'dial-first': text('Call the first number', '呼叫第一个号码'),
      decline: text('Decline the preview', '拒绝预览'),
    },
    example: { value: 'none', as: 'recommended' },
  },
  language: {
    settable: true,
    title: text('Language', '语言'),
    explain: text('The language of the desk.', '坐席桌面的显示语言。'),
    choices: { en: text('English', 'English（英语）'), 'zh-CN': text('简体中文', '简体中文') },
    example: { value: 'zh-CN', as: 'recommended' },
  },
  theme: {
    settable: true,
    title: text('Theme', '主题'),
    explain: text('Light, dark, or the same as the system.', '浅色、深色或跟随系统。'),
    choices: {
      system: text('Same as the system', '跟随系统'),
      light: text('Light', '浅色'),
      dark: text('Dark', '深色'),
    },
    example: { value: 'system', as: 'recommended' },
  },
  notifyOnPreview: {
    settable: true,
    title: text('Notify of new previews in the background', '窗口在后台时通知新的预览'),
    explain: text(
      'Show an operating-system notification when a preview arrives while the window is not in front.',
      '窗口不在前台时收到预览，显示操作系统通知。',
    ),
    example: { value: true, as: 'recommended' },
  },
  soundOnPreview: {
    settable: true,
    title: text('Sound with the preview notification', '预览通知时播放提示音'),
    explain: text('Play a tone with the preview notification.', '显示预览通知时播放提示音。'),
    example: { value: true, as: 'recommended' },
  },
  rememberedAgentId: {
    settable: false,
    why: "the agent's own work number, remembered for the sign-in form",
  },
  rememberedPhone: {
    settable: false,
    why: "the agent's own phone, remembered for the sign-in form",
  },
  hardwareAcceleration: {
    settable: true,
    title: text('Hardware acceleration', '硬件加速'),
    explain: text(
      'Turn off on virtual desktops (VDI) without a GPU, where GPU compositing can leave the window blank or slow. Applies the next time the app starts.',
      '在没有 GPU 的虚拟桌面（VDI）上请关闭：GPU 合成可能导致窗口空白或缓慢。下次启动应用时生效。',
    ),
    example: { value: true, as: 'recommended' },
  },
  notReadyReasons: {
    settable: true,
    title: text('Not-ready reasons', '示忙原因'),
    explain: text(
      'The reasons an agent picks when going not ready, in menu order: a JSON list of {"code": 200–250, "en": "English name", "zh": "中文名称"}, each code once (the gateway reports only the code). The first one is used by "Decline and go not ready" and its shortcut.',
      '坐席示忙时选择的原因，按菜单顺序：JSON 列表，元素为 {"code": 200–250, "en": "英文名称", "zh": "中文名称"}，每个代码只出现一次（网关只报告代码）。第一个原因用于“拒绝并示忙”及其快捷键。',
    ),
    example: {
      value: [
        { code: 200, en: 'Meeting', zh: '会议' },
        { code: 201, en: 'Training', zh: '培训' },
        { code: 210, en: 'Quality review', zh: '质检复核' },
      ],
      as: 'mandatory',
    },
  },
  restReasons: {
    settable: true,
    title: text('Rest causes', '休息原因'),
    explain: text(
      'The causes an agent picks when starting a rest: a JSON list of {"code": 0–255, "en": "English name", "zh": "中文名称"}, each code once.',
      '坐席开始休息时选择的原因：JSON 列表，元素为 {"code": 0–255, "en": "英文名称", "zh": "中文名称"}，每个代码只出现一次。',
    ),
    example: {
      value: [
        { code: 1, en: 'Break', zh: '小休' },
        { code: 2, en: 'Lunch', zh: '用餐' },
      ],
      as: 'mandatory',
    },
  },
  restMinutes: {
    settable: true,
    title: text('Rest durations (minutes)', '休息时长（分钟）'),
    explain: text(
      'The rest durations offered to the agent, in whole minutes (1–1439, at most 12): a JSON list such as [5, 10, 15, 30]. The status bar counts the time left down.',
      '提供给坐席的休息时长，整分钟（1–1439，最多 12 个）：JSON 列表，例如 [5, 10, 15, 30]。状态栏倒数剩余时间。',
    ),
    example: { value: [5, 10, 15, 30], as: 'mandatory' },
  },
  wrapUpMaxSeconds: {
    settable: true,
    title: text('Longest wrap-up (seconds)', '最长整理时间（秒）'),
    explain: text(
      'After-call work longer than this ends by itself: the desk shows a countdown, lets the agent extend it once by the same time, then makes the agent ready and logs why. 0 = no maximum.',
      '话后整理超过此时间即自动结束：工作台显示倒计时，坐席可延长一次（同样时长），之后自动示闲并记录原因。0 表示不限制。',
    ),
    example: { value: 120, as: 'mandatory' },
  },
  stayOnTop: {
    settable: true,
    title: text('Keep the window on top', '窗口置顶'),
    explain: text(
      'Keep the desk above other windows, e.g. beside the CRM. Agents switch it with the pin in the status bar unless it is mandatory.',
      '让工作台保持在其他窗口之上，例如放在 CRM 旁边。除非设为强制，坐席可用状态栏中的图钉切换。',
    ),
    example: { value: false, as: 'recommended' },
  },
};

/** The settings a policy may set, in display order. */
export const policyKeys: SettingsKey[] = settingsKeys.filter((key) => fieldPolicies[key].settable);

/** True when policy may set `key`. */
export function isPolicyKey(key: SettingsKey): boolean {
  return fieldPolicies[key].settable;
}

/**
 * The shape of a field's value, read from its schema: what the readers convert registry and
 * plist values to, and what the templates offer. A list is a JSON array in the registry (a
 * REG_SZ holding JSON text), a plist <array> and a JSON array in policies.json.
 */
export type PolicyShape =
  | { type: 'string'; maxLength: number | null }
  | { type: 'enum'; options: readonly string[] }
  | { type: 'integer'; min: number; max: number }
  | { type: 'boolean' }
  | { type: 'list' };

interface SchemaLike {
  type: string;
  options?: readonly unknown[];
  pipe?: ReadonlyArray<{ type: string; requirement?: unknown }>;
}

function requirement(schema: SchemaLike, type: string): number | null {
  const step = schema.pipe?.find((s) => s.type === type);
  return typeof step?.requirement === 'number' ? step.requirement : null;
}

/** Describes a schema as a PolicyShape; throws for a kind the policy readers cannot carry. */
export function shapeOfSchema(schema: v.GenericSchema): PolicyShape {
  const s = schema as unknown as SchemaLike;
  switch (s.type) {
    case 'boolean':
      return { type: 'boolean' };
    case 'picklist':
      return { type: 'enum', options: (s.options ?? []).map(String) };
    case 'string':
      return { type: 'string', maxLength: requirement(s, 'max_length') };
    case 'array':
      return { type: 'list' };
    case 'number': {
      const min = requirement(s, 'min_value');
      const max = requirement(s, 'max_value');
      if (min === null || max === null || !s.pipe?.some((step) => step.type === 'integer')) {
        throw new Error('a policy number must be a whole number with a minimum and a maximum');
      }
      return { type: 'integer', min, max };
    }
    default:
      throw new Error(`a ${s.type} schema cannot be set by policy`);
  }
}

/** The shape of one setting. */
export function policyShape(key: SettingsKey): PolicyShape {
  return shapeOfSchema(settingsFields[key]);
}
