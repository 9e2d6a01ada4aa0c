/**
 * Error messages as people read them. The server's own messages are Chinese; what is not — a zod validation report
 * (a JSON array in English, e.g. for a mistyped code in the address bar), the browser's network failure, a bare tRPC
 * code — is replaced with a Chinese sentence. Applied to every tRPC call in app/providers.tsx.
 */

const HAN = /[\u3400-\u9fff]/;

const BY_CODE: Record<string, string> = {
  BAD_REQUEST: '请求参数不正确，请检查输入或链接是否完整',
  PARSE_ERROR: '请求参数不正确，请检查输入或链接是否完整',
  UNAUTHORIZED: '登录已失效，请重新登录',
  FORBIDDEN: '没有查看或操作的权限',
  NOT_FOUND: '未找到所请求的记录',
  CONFLICT: '操作与当前状态冲突，请刷新后重试',
  TIMEOUT: '请求超时，请稍后重试',
  TOO_MANY_REQUESTS: '请求过于频繁，请稍后重试',
  PAYLOAD_TOO_LARGE: '提交的内容过大',
  INTERNAL_SERVER_ERROR: '服务器内部错误，请稍后重试或联系管理员',
};

/** The issues of a zod report (a JSON array of issues, each with a code, a path and a message), or null. */
function validationIssues(message: string): Array<{ message?: unknown }> | null {
  if (!message.trimStart().startsWith('[')) return null;
  try {
    const v: unknown = JSON.parse(message);
    return Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'object' && x !== null && 'code' in x && 'path' in x) ? v : null;
  } catch {
    return null;
  }
}

export function readableError(message: string, code?: string): string {
  const issues = validationIssues(message);
  if (issues) {
    // A schema's own Chinese message says more than the generic sentence.
    const own = [...new Set(issues.map((i) => (typeof i.message === 'string' && HAN.test(i.message) ? i.message : '')).filter(Boolean))];
    return own.length ? own.join('；') : BY_CODE.BAD_REQUEST!;
  }
  if (HAN.test(message)) return message;
  if (/failed to fetch|networkerror|network request failed|load failed/i.test(message)) return '无法连接服务器，请检查网络后重试';
  if (code && BY_CODE[code]) return BY_CODE[code]!;
  return message ? `请求失败：${message}` : '请求失败，请稍后重试';
}
