/**
 * 数据导入 (issue #9): the agency uploads its existing registry with the agreements (Excel template
 * or CSV with the national platform's field names), chooses all-or-nothing or valid-rows, watches
 * the job's progress (polled) and downloads the rejected rows with their 错误说明.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Progress, Radio, Space, Table, Tag, Typography, Upload, message } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { importApi, type ImportJob, type ImportMode } from '../../api/import-endpoints';

const STATUS: Record<ImportJob['status'], { label: string; color: string }> = {
  queued: { label: '排队中', color: 'default' },
  validating: { label: '校验中', color: 'processing' },
  writing: { label: '写入中', color: 'processing' },
  done: { label: '已完成', color: 'success' },
  rejected: { label: '未导入（有错误行）', color: 'warning' },
  failed: { label: '失败', color: 'error' },
  interrupted: { label: '已中断', color: 'error' },
};
const running = (j: ImportJob | null) => !!j && ['queued', 'validating', 'writing'].includes(j.status);

const downloadRejected = (j: ImportJob) => importApi.rejected(j.id).catch((e: Error) => message.error(e.message));

/**
 * The outcome of a finished job in one sentence: a re-import that changed nothing says so; otherwise
 * 已完成 with the rows imported and refused (a warning when some were refused: 已完成 alone hid them).
 */
function DoneSummary({ job }: { job: ImportJob }) {
  if (job.changedNothing) {
    return <Alert type="info" showIcon data-testid="import-summary" message={`该文件此前已导入，未产生变更${job.rejected ? `（另有 ${job.rejected} 行被拒绝）` : ''}`} />;
  }
  const imported = (job.rowsTotal ?? job.rowsDone) - job.rejected;
  const text = `已完成：导入 ${imported} 行，拒绝 ${job.rejected} 行`;
  return (
    <Alert
      type={job.rejected > 0 ? 'warning' : 'success'}
      showIcon
      data-testid="import-summary"
      message={job.rejected > 0
        ? <>{text}（<Typography.Link onClick={() => void downloadRejected(job)}>下载拒绝清单</Typography.Link>）</>
        : text}
    />
  );
}

function JobResult({ job }: { job: ImportJob }) {
  const s = job.status === 'done' && job.rejected > 0 ? { ...STATUS.done, color: 'warning' } : STATUS[job.status];
  const percent = job.rowsTotal ? Math.min(100, Math.round((job.rowsDone / job.rowsTotal) * 100)) : undefined;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        <Tag color={s.color} data-testid="import-status">{s.label}</Tag>
        <Typography.Text>{job.fileName}</Typography.Text>
      </Space>
      {running(job) && (
        <Progress percent={percent ?? 0} status="active" format={() => `${job.status === 'writing' ? '写入' : '校验'} ${job.rowsDone.toLocaleString('zh-CN')} 行`} />
      )}
      {job.status === 'done' && <DoneSummary job={job} />}
      {job.message && <Alert type={job.status === 'failed' || job.status === 'interrupted' ? 'error' : 'warning'} showIcon message={job.message} />}
      <Descriptions size="small" bordered column={3}>
        <Descriptions.Item label="数据行">{job.rowsTotal ?? job.rowsDone}</Descriptions.Item>
        <Descriptions.Item label="新增机构"><span data-testid="import-created">{job.created}</span></Descriptions.Item>
        <Descriptions.Item label="更新机构"><span data-testid="import-updated">{job.updated}</span></Descriptions.Item>
        <Descriptions.Item label="未变化"><span data-testid="import-unchanged">{job.unchanged}</span></Descriptions.Item>
        <Descriptions.Item label="新增协议"><span data-testid="import-agreementsCreated">{job.agreementsCreated}</span></Descriptions.Item>
        <Descriptions.Item label="更新协议"><span data-testid="import-agreementsUpdated">{job.agreementsUpdated}</span></Descriptions.Item>
        <Descriptions.Item label="错误行" span={3}>
          <Space>
            <Typography.Text type={job.rejected ? 'danger' : undefined} data-testid="import-rejected">{job.rejected}</Typography.Text>
            {job.rejected > 0 && !running(job) && (
              <Button size="small" icon={<DownloadOutlined />} onClick={() => void downloadRejected(job)}>
                下载错误行（含错误说明）
              </Button>
            )}
          </Space>
        </Descriptions.Item>
      </Descriptions>
    </Space>
  );
}

export default function RegistryImportPage() {
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<ImportMode>('all_or_nothing');
  const [job, setJob] = useState<ImportJob | null>(null);
  const [busy, setBusy] = useState(false);
  const [recent, setRecent] = useState<ImportJob[]>([]);

  const loadRecent = () => importApi.recent().then((r) => setRecent(r.items), () => undefined);
  useEffect(() => { void loadRecent(); }, []);

  // poll the running job
  useEffect(() => {
    if (!running(job)) return;
    const t = setTimeout(() => {
      importApi.get(job!.id).then((j) => {
        setJob(j);
        if (!running(j)) void loadRecent();
      }, () => undefined);
    }, 1000);
    return () => clearTimeout(t);
  }, [job]);

  const start = async () => {
    if (!file) return;
    setBusy(true);
    try {
      setJob(await importApi.upload(file, mode));
    } catch {
      // the error is shown by the API client
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title="导入存量登记簿及服务协议"
        extra={<Button icon={<DownloadOutlined />} onClick={() => importApi.template().catch((e: Error) => message.error(e.message))}>下载导入模板</Button>}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary">
            每行一家机构及其现行协议。支持 Excel 模板（中文列名，见模板中的「字段说明」工作表）和国家医保信息平台字段名的 CSV（fixmedins_code、fixmedins_name、uscc 等，UTF-8 编码）。
            统一社会信用代码已登记的机构按文件内容更新；内容未变的不做修改，重复导入同一文件不会产生任何变化。只能导入本辖区的机构。
          </Typography.Paragraph>
          <Upload.Dragger
            accept=".xlsx,.csv"
            maxCount={1}
            beforeUpload={(f) => { setFile(f); return false; }}
            onRemove={() => setFile(null)}
            fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
          >
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p className="ant-upload-text">点击或拖入 .xlsx / .csv 文件</p>
          </Upload.Dragger>
          <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as ImportMode)}>
            <Radio value="all_or_nothing">全部或不导入：有任何错误行则整个文件不导入</Radio>
            <Radio value="valid_rows">只导入正确的行：正确的行一次性导入，错误行列出</Radio>
          </Radio.Group>
          <Button type="primary" disabled={!file || running(job)} loading={busy} onClick={start}>开始导入</Button>
          {job && <JobResult job={job} />}
        </Space>
      </Card>
      <Card title="最近的导入">
        <Table<ImportJob>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={recent}
          columns={[
            { title: '文件', dataIndex: 'fileName' },
            { title: '方式', dataIndex: 'mode', render: (v: ImportMode) => (v === 'valid_rows' ? '只导入正确的行' : '全部或不导入') },
            {
              title: '状态', dataIndex: 'status',
              render: (v: ImportJob['status'], j) => (v === 'done' && j.changedNothing
                ? <Tag>未产生变更</Tag>
                : <Tag color={v === 'done' && j.rejected > 0 ? 'warning' : STATUS[v].color}>{STATUS[v].label}</Tag>),
            },
            { title: '新增', dataIndex: 'created' },
            { title: '更新', dataIndex: 'updated' },
            { title: '错误行', dataIndex: 'rejected' },
            { title: '时间', dataIndex: 'createdAt', render: (v: string) => new Date(v).toLocaleString('zh-CN') },
            {
              title: '', key: 'x',
              render: (_, j) => (j.rejected > 0 && !running(j)
                ? <Button type="link" size="small" onClick={() => void downloadRejected(j)}>错误行</Button> : null),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
