/**
 * The one place that decides how request errors are shown. Mounted once inside antd's <App>,
 * it registers itself as the client's error sink: plain errors become a message toast; rule
 * refusals (with reasons) become a notification listing each reason with its citation.
 */
import { useEffect } from 'react';
import { App } from 'antd';
import { setErrorSink, type ApiError } from './client';
import { formatCitation } from '../utils/citation';

export function describeError(err: unknown): string {
  if (err && typeof err === 'object' && 'message' in err && typeof err.message === 'string') return err.message;
  return '操作失败';
}

/** A rule refusal's reasons, each with its article (also used by pages that show a refusal themselves). */
export function ReasonList({ err }: { err: ApiError }) {
  return (
    <ul style={{ paddingInlineStart: 18, margin: 0 }}>
      {err.reasons.map((r, i) => (
        <li key={`${r.ruleId}-${i}`}>
          {r.message}
          {r.citation ? <span style={{ color: '#888' }}>（依据：{formatCitation(r.citation)}）</span> : null}
        </li>
      ))}
    </ul>
  );
}

export function ErrorDisplay() {
  const { message, notification } = App.useApp();
  useEffect(() => {
    setErrorSink((err) => {
      if (err.reasons.length > 0) {
        notification.error({ title: err.message, description: <ReasonList err={err} />, duration: 0 });
        return;
      }
      // the server's message already names the field (字段 body.days.0.day：…); forms mark the field themselves
      const text =
        err.status === 401 ? `登录已失效，请重新登录（${err.message}）` : err.status === 403 ? `无权操作：${err.message}` : err.message;
      message.error({ content: text, key: `${err.code}:${err.message}` });
    });
  }, [message, notification]);
  return null;
}
