/**
 * 外部数据导入 (issue #11, decision 0040): the agency brings in what other systems hold and the renewal
 * screening reads — settlement totals per agreement year, 追溯码 / 医保码 compliance, 挂证 findings,
 * 双通道 service counts, 阴阳价格 and address checks, 智能监控 risk signals — by the Excel template
 * (all or nothing, or the valid rows only; the rejected rows come back with 错误说明), and sees every
 * import of its organisation, paged and filtered on the server. Systems post the same rows as JSON.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Radio, Select, Space, Table, Tag, Typography, Upload, message } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { indicatorApi, type IndicatorImport, type IndicatorImportMode, type IndicatorImportResult } from '../../api/indicator-endpoints';
import { useServerPagination } from '../../hooks/use-server-pagination';

const MODE: Record<IndicatorImportMode, string> = { all_or_nothing: '全部或不导入', valid_rows: '只导入正确的行' };
const CHANNEL: Record<IndicatorImport['channel'], string> = { xlsx: 'Excel 上传', api: '系统接口' };
const fail = (e: Error) => void message.error(e.message);

function Result({ r }: { r: IndicatorImportResult }) {
  const i = r.import;
  const rejected = i.status === 'rejected';
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="indicator-result">
      <Alert
        type={rejected ? 'error' : i.rejected ? 'warning' : 'success'}
        showIcon
        message={rejected
          ? (i.message ?? `共 ${i.rejected} 行有错误，本次未导入任何数据`)
          : `导入完成：新增 ${i.created} 项，更新 ${i.updated} 项，未变化 ${i.unchanged} 项${i.rejected ? `，${i.rejected} 行未导入` : ''}`}
      />
      <Descriptions size="small" bordered column={4}>
        <Descriptions.Item label="数据行">{i.rowsTotal}</Descriptions.Item>
        <Descriptions.Item label="新增"><span data-testid="indicator-created">{i.created}</span></Descriptions.Item>
        <Descriptions.Item label="更新">{i.updated}</Descriptions.Item>
        <Descriptions.Item label="未变化">{i.unchanged}</Descriptions.Item>
        <Descriptions.Item label="错误行" span={4}>
          <Space>
            <Typography.Text type={i.rejected ? 'danger' : undefined} data-testid="indicator-rejected">{i.rejected}</Typography.Text>
            {i.rejected > 0 && <Button size="small" icon={<DownloadOutlined />} onClick={() => void indicatorApi.rejected(i.id).catch(fail)}>下载错误行（含错误说明）</Button>}
          </Space>
        </Descriptions.Item>
      </Descriptions>
      {r.rejects.length > 0 && (
        <Table
          size="small" rowKey="line" pagination={false} dataSource={r.rejects.slice(0, 10)}
          columns={[{ title: '行号', dataIndex: 'line', width: 80 }, { title: '错误说明', dataIndex: 'message' }]}
          footer={() => (r.rejects.length > 10 || i.rejected > r.rejects.length ? `仅显示前 10 行，共 ${i.rejected} 行，完整清单请下载` : null)}
        />
      )}
    </Space>
  );
}

export default function IndicatorImportPage() {
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<IndicatorImportMode>('all_or_nothing');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<IndicatorImportResult | null>(null);
  const [filter, setFilter] = useState<{ channel?: string; status?: string }>({});
  const { page, pageSize, setPage, pagination } = useServerPagination(10);
  const [list, setList] = useState<{ items: IndicatorImport[]; total: number }>({ items: [], total: 0 });
  const [loading, setLoading] = useState(false);

  const load = useCallback(() => {
    setLoading(true);
    indicatorApi.list({ page, pageSize, ...filter }).then(setList, fail).finally(() => setLoading(false));
  }, [page, pageSize, filter]);
  useEffect(() => { load(); }, [load]);

  const start = async () => {
    if (!file) return;
    setBusy(true);
    setResult(null);
    try {
      setResult(await indicatorApi.upload(file, mode));
      setPage(1);
      load();
    } catch {
      // the API client shows the error (a file that is not Excel, wrong headers: 400 in Chinese)
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title="外部数据导入（续签筛查用）"
        extra={<Button icon={<DownloadOutlined />} onClick={() => void indicatorApi.template().catch(fail)}>下载导入模板</Button>}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary">
            结算系统的协议年度医保结算费用、追溯码扫码上传、医保码识别使用、挂证检查、“双通道”服务次数、“阴阳价格”和跨区域变更地址核查结果、智能监控风险提示。
            每行一家机构的一项指标（按医保编码或统一社会信用代码），注明数据来源和来源日期；续签筛查据此判断
            自治区医保局〔2025〕征求意见稿 二(二)3、8–13 等情形，未导入的情形显示「无数据」，不会默认通过。
            同一机构、指标和期间再次导入时，数值相同的不做修改，数值不同的更新并留痕。只能导入本辖区的机构。
          </Typography.Paragraph>
          <Upload.Dragger
            accept=".xlsx" maxCount={1}
            beforeUpload={(f) => { setFile(f); return false; }}
            onRemove={() => setFile(null)}
            fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
          >
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p className="ant-upload-text">点击或拖入 .xlsx 文件</p>
          </Upload.Dragger>
          <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as IndicatorImportMode)}>
            <Radio value="all_or_nothing">全部或不导入：有任何错误行则整个文件不导入</Radio>
            <Radio value="valid_rows">只导入正确的行：正确的行一次性导入，错误行列出</Radio>
          </Radio.Group>
          <Button type="primary" disabled={!file} loading={busy} onClick={() => void start()}>开始导入</Button>
          {result && <Result r={result} />}
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            系统对接：结算系统等可调用 <Typography.Text code>POST /api/indicators/batch</Typography.Text>（JSON，字段同模板列：ybCode、uscc、kind、period、value、note、source、sourceDate，
            附批次编号 clientBatchId；同一批次编号重复提交不会重复写入；有错误行时整批不导入并返回各行错误）。接口说明见 /api/docs。
          </Typography.Paragraph>
        </Space>
      </Card>
      <Card
        title="导入记录"
        extra={(
          <Space>
            <Select aria-label="导入渠道" placeholder="导入渠道" allowClear style={{ width: 130 }} value={filter.channel}
              onChange={(v?: string) => { setFilter((f) => ({ ...f, channel: v })); setPage(1); }}
              options={[{ value: 'xlsx', label: 'Excel 上传' }, { value: 'api', label: '系统接口' }]} />
            <Select aria-label="导入结果" placeholder="导入结果" allowClear style={{ width: 130 }} value={filter.status}
              onChange={(v?: string) => { setFilter((f) => ({ ...f, status: v })); setPage(1); }}
              options={[{ value: 'done', label: '已导入' }, { value: 'rejected', label: '未导入' }]} />
          </Space>
        )}
      >
        <div data-testid="indicator-imports">
        <Table<IndicatorImport>
          rowKey="id" size="small" loading={loading} dataSource={list.items}
          pagination={pagination(list.total, (t) => `共 ${t} 次导入`)}
          columns={[
            { title: '时间', dataIndex: 'createdAt', render: (v: string) => new Date(v).toLocaleString('zh-CN') },
            { title: '渠道', dataIndex: 'channel', render: (v: IndicatorImport['channel']) => CHANNEL[v] },
            { title: '文件 / 批次', key: 'name', render: (_, i) => i.fileName ?? i.clientBatchId ?? '—' },
            { title: '方式', dataIndex: 'mode', render: (v: IndicatorImportMode) => MODE[v] },
            { title: '结果', dataIndex: 'status', render: (v: IndicatorImport['status'], i) => (v === 'rejected' ? <Tag color="error">未导入</Tag> : <Tag color={i.rejected ? 'warning' : 'success'}>已导入</Tag>) },
            { title: '数据行', dataIndex: 'rowsTotal' },
            { title: '新增', dataIndex: 'created' },
            { title: '更新', dataIndex: 'updated' },
            { title: '错误行', dataIndex: 'rejected' },
            { title: '', key: 'x', render: (_, i) => (i.rejected > 0 ? <Button type="link" size="small" onClick={() => void indicatorApi.rejected(i.id).catch(fail)}>错误行</Button> : null) },
          ]}
        />
        </div>
      </Card>
    </Space>
  );
}
