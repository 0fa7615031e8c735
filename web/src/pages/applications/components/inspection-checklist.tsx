/**
 * 现场核查逐项记录 (云医保〔2022〕6号 第十三条): one row per item of the profile's checklist — whether it
 * conforms and what was found. Used by the officer's step form and the expert's panel drawer.
 */
import { Form, Input, Radio, Typography } from 'antd';
import type { ApplicationData, ChecklistLine, InspectionChecklistView } from '../../../api/pipeline-types';

/** Initial form values: the lines already recorded, else every item conforming with no finding yet. */
export function checklistInitial(view: InspectionChecklistView | null, recorded?: ChecklistLine[]) {
  if (!view) return {};
  return {
    checklist: view.items.map((i) => {
      const r = recorded?.find((l) => l.item === i.id);
      return { item: i.id, conforming: r?.conforming ?? true, finding: r?.finding ?? '' };
    }),
  };
}

/** The payload part: the lines as the event schema takes them (nothing when the profile has no checklist). */
export function checklistPayload(view: InspectionChecklistView | null, v: Record<string, unknown>) {
  if (!view) return {};
  const lines = (v.checklist as ChecklistLine[] | undefined) ?? [];
  return { checklist: lines.map((l) => ({ item: l.item, conforming: !!l.conforming, finding: String(l.finding ?? '').trim() })) };
}

export function ChecklistFields({ view }: { view: InspectionChecklistView | null }) {
  if (!view) return null;
  return (
    <>
      <Typography.Paragraph type="secondary">现场核查逐项记录（依据：{view.citation}）</Typography.Paragraph>
      {view.items.map((item, i) => (
        <div key={item.id} style={{ display: 'flex', gap: 12, alignItems: 'flex-start' }}>
          <Form.Item name={['checklist', i, 'item']} hidden>
            <Input />
          </Form.Item>
          <Form.Item name={['checklist', i, 'conforming']} label={`${i + 1}. ${item.label}`} style={{ minWidth: 260 }}>
            <Radio.Group options={[{ value: true, label: '符合' }, { value: false, label: '不符合' }]} />
          </Form.Item>
          <Form.Item
            name={['checklist', i, 'finding']}
            label="核查发现"
            style={{ flex: 1 }}
            rules={[{ required: true, whitespace: true, message: `请填写「${item.label}」的核查发现` }]}
          >
            <Input.TextArea rows={1} autoSize maxLength={2000} />
          </Form.Item>
        </div>
      ))}
    </>
  );
}

/** Panel members' names by expert id, to show inspectors recorded by id (第十三条). */
export function memberNames(data: ApplicationData): Map<string, string> {
  const e = data.evaluation?.evaluator;
  return new Map(e?.kind === 'panel' ? e.panel.members.map((m) => [m.expertId, m.name]) : []);
}
