/** 评价建议 list (云医保〔2022〕6号 第二十三条): state / channel filters and paging on the server; 反馈 where the server allows it. */
import { useState } from 'react';
import { App, Button, Input, Modal, Rate, Select, Space, Table, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { ratingApi, type Rating, type RatingQuery } from '../../api/dispute-endpoints';
import { describeError } from '../../api/error-display';
import { useRequest } from '../../hooks/use-request';
import { useServerPagination } from '../../hooks/use-server-pagination';

export function RatingTable({ refreshKey = 0, showInstitution = true, initialState }: { refreshKey?: number; showInstitution?: boolean; initialState?: RatingQuery['state'] }) {
  const { message } = App.useApp();
  const [state, setState] = useState<RatingQuery['state']>(initialState);
  const [channel, setChannel] = useState<RatingQuery['channel']>();
  const { page, pageSize, setPage, pagination } = useServerPagination();
  const [tick, setTick] = useState(0);
  const { data, loading, reload } = useRequest(() => ratingApi.list({ state, channel, page, pageSize }), [state, channel, page, pageSize, refreshKey, tick]);
  const [answering, setAnswering] = useState<Rating | null>(null);
  const [answer, setAnswer] = useState('');
  const submit = async () => {
    if (!answering) return;
    try {
      await ratingApi.answer(answering.id, answer, answering.version);
      message.success('已反馈');
      setAnswering(null);
      setTick((x) => x + 1);
    } catch (e) {
      message.error(describeError(e));
    }
  };
  const columns: ColumnsType<Rating> = [
    ...(showInstitution ? [{ title: '医药机构', dataIndex: 'institutionName' }] : []),
    { title: '日期', dataIndex: 'submittedOn', width: 110 },
    { title: '渠道', dataIndex: 'channelLabel', width: 80, render: (v: string, r) => <Space size={4}>{v}{r.recordedByAgency && <Tag>代录</Tag>}</Space> },
    { title: '评分', dataIndex: 'score', width: 150, render: (v: number) => <Rate disabled value={v} style={{ fontSize: 14 }} /> },
    { title: '评价建议', dataIndex: 'text' },
    { title: '状态', dataIndex: 'state', width: 90, render: (v: string, r) => <Tag color={v === 'answered' ? 'success' : 'warning'}>{r.stateLabel}</Tag> },
    {
      title: '反馈', dataIndex: 'answer',
      render: (v: string | null, r) => (v ? <><div>{v}</div><Typography.Text type="secondary">{r.answeredOn}</Typography.Text></>
        : r.allowedEvents.includes('answer') ? <Button size="small" type="primary" onClick={() => { setAnswer(''); setAnswering(r); }}>反馈</Button> : '—'),
    },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select allowClear placeholder="全部状态" value={state} style={{ width: 140 }} onChange={(v) => { setState(v); setPage(1); }}
          options={[{ value: 'submitted', label: '待反馈' }, { value: 'answered', label: '已反馈' }]} />
        <Select allowClear placeholder="全部渠道" value={channel} style={{ width: 140 }} onChange={(v) => { setChannel(v); setPage(1); }}
          options={[{ value: 'online', label: '网上' }, { value: 'written', label: '书面' }, { value: 'phone', label: '电话' }, { value: 'email', label: '邮件' }]} />
        <Button icon={<ReloadOutlined />} onClick={reload}>刷新</Button>
      </Space>
      <Table<Rating> rowKey="id" loading={loading} dataSource={data?.items ?? []} columns={columns} locale={{ emptyText: '暂无评价建议' }}
        pagination={pagination(data?.total ?? 0, (t) => `共 ${t} 条`)} data-testid="rating-table" />
      <Modal open={!!answering} title="反馈评价建议" okText="提交反馈" cancelText="取消" onCancel={() => setAnswering(null)} onOk={() => void submit()} okButtonProps={{ disabled: !answer.trim() }}>
        {answering && <Typography.Paragraph type="secondary">{answering.institutionName}：{answering.text}</Typography.Paragraph>}
        <Input.TextArea rows={4} maxLength={2000} placeholder="反馈内容（改进措施、说明）" value={answer} onChange={(e) => setAnswer(e.target.value)} aria-label="反馈内容" />
      </Modal>
    </>
  );
}
