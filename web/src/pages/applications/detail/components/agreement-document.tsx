/**
 * The agreement as the document a 法定代表人 signs: title, number, parties, headed clauses with their
 * paragraphs, numbered lists and tables, the basis, and the signature blocks. Rendered from the
 * structure the server reads back from the canonical text (parseCanonicalAgreementText), so it is
 * exactly the text whose SM3 digest is signed — never from a separate source.
 */
import type { CSSProperties } from 'react';
import { Table, Typography } from 'antd';
import type { AgreementDocument } from '../../../../api/pipeline-types';

const paper: CSSProperties = {
  maxHeight: 520, overflow: 'auto', background: '#fff', padding: '24px 32px', border: '1px solid #f0f0f0',
  fontFamily: '"Songti SC", "SimSun", "Noto Serif CJK SC", serif', lineHeight: 1.9,
};

export function AgreementDocumentView({ doc }: { doc: AgreementDocument }) {
  return (
    <article style={paper} aria-label="协议文本">
      <Typography.Title level={3} style={{ textAlign: 'center', marginBottom: 4 }}>{doc.title}</Typography.Title>
      <Typography.Paragraph style={{ textAlign: 'center' }} type="secondary">协议编号：{doc.number}</Typography.Paragraph>
      {/* the parties, unless the preamble already names them (as the 范本's does) */}
      {!doc.sections.some((s) => s.paragraphs.some((p) => p.startsWith('甲方：'))) && (
        <>
          <Typography.Paragraph style={{ marginBottom: 0 }}>甲方：{doc.issuer}</Typography.Paragraph>
          {doc.recipient && <Typography.Paragraph>乙方：{doc.recipient}</Typography.Paragraph>}
        </>
      )}
      {doc.sections.map((s, i) => (
        <section key={i} style={{ marginTop: 12 }}>
          {s.heading && <Typography.Title level={5} style={{ marginBottom: 4 }}>{s.heading}</Typography.Title>}
          {s.paragraphs.map((p, j) => (
            <Typography.Paragraph key={j} style={{ textIndent: '2em', whiteSpace: 'pre-wrap', marginBottom: 4 }}>{p}</Typography.Paragraph>
          ))}
          {s.list && (s.list.ordered
            ? <ol style={{ marginBottom: 4 }}>{s.list.items.map((it, j) => <li key={j}>{it}</li>)}</ol>
            : <ul style={{ marginBottom: 4 }}>{s.list.items.map((it, j) => <li key={j}>{it}</li>)}</ul>)}
          {s.table && (
            <Table size="small" pagination={false} bordered rowKey={(_, j) => String(j)}
              dataSource={s.table.rows.map((r) => Object.fromEntries(r.map((c, k) => [String(k), c])))}
              columns={s.table.columns.map((c, k) => ({ title: c, dataIndex: String(k) }))} />
          )}
          {s.note && <Typography.Text type="secondary" style={{ fontSize: 12 }}>（{s.note}）</Typography.Text>}
        </section>
      ))}
      {doc.citations.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, fontSize: 12 }}>依据：{doc.citations.join('；')}</Typography.Paragraph>
      )}
      <div style={{ display: 'flex', gap: 48, marginTop: 24, flexWrap: 'wrap' }}>
        {doc.signatures.map((p, i) => (
          <div key={i} style={{ minWidth: 220 }}>
            <div>{p.label}：{p.org}</div>
            {p.signerLine && <div>{p.signerLine}：</div>}
            <div>日期：</div>
          </div>
        ))}
      </div>
    </article>
  );
}
