/** Dialogs of the account pages: new account, edit, temporary password shown once, legal representative link. */
import { useState } from 'react';
import { Alert, App, Checkbox, Form, Input, Modal, Select, Typography } from 'antd';
import { accountApi, organizationAdminApi, type AccountRow, type WithTemporaryPassword } from '../../../api/account-endpoints';
import type { Role } from '../../../api/types';
import { useEnums } from '../../../meta/enums';
import { useSession } from '../../../session/session';
import { catching } from '../../../utils/catching';

/** The roles that fit each kind of organisation (the server decides; src/domain/identity/grants.ts). */
export const ROLES_FOR_ORG_KIND: Record<string, Role[]> = {
  agency: ['agency_officer', 'agency_head'],
  admin_dept: ['admin_dept_officer'],
  institution: ['institution_staff', 'institution_admin'],
  expert_pool: ['expert'],
  system: ['sysadmin'],
  third_party_assessor: ['third_party_assessor'],
};

/** What the signed-in manager may grant in its own organisation (a head covers the officer role). */
function grantableFor(roles: Role[], orgKind: string, sysadmin: boolean): Role[] {
  const fit = ROLES_FOR_ORG_KIND[orgKind] ?? [];
  if (sysadmin) return fit;
  const covers: Partial<Record<Role, Role[]>> = { agency_head: ['agency_officer'], institution_admin: ['institution_staff'] };
  return fit.filter((r) => roles.includes(r) || roles.some((h) => covers[h]?.includes(r)));
}

export function TemporaryPasswordModal({ result, title, onClose }: { result: WithTemporaryPassword | null; title: string; onClose: () => void }) {
  return (
    <Modal title={title} open={!!result} onOk={onClose} onCancel={onClose} okText="我已记下" cancelButtonProps={{ style: { display: 'none' } }} maskClosable={false}>
      {result && (
        <>
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} message="临时密码仅此一次显示" description="请当面或通过安全渠道交给本人；首次登录时系统会要求其设置新密码。" />
          <p>用户名：<Typography.Text strong>{result.account.username}</Typography.Text></p>
          <p>
            临时密码：
            <Typography.Text code copyable data-testid="temporary-password" style={{ fontSize: 18 }}>
              {result.temporaryPassword}
            </Typography.Text>
          </p>
        </>
      )}
    </Modal>
  );
}

interface NewValues {
  orgId?: string;
  username: string;
  displayName: string;
  roles: Role[];
}

export function NewAccountModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (r: WithTemporaryPassword) => void }) {
  const { user, access } = useSession();
  const enums = useEnums();
  const [form] = Form.useForm<NewValues>();
  const [saving, setSaving] = useState(false);
  const [orgs, setOrgs] = useState<{ value: string; label: string; kind: string }[]>([]);
  const [orgKind, setOrgKind] = useState<string>(user?.orgKind ?? '');
  const sysadmin = access.isSysadmin;
  const grantable = user ? grantableFor(user.roles, orgKind, sysadmin) : [];

  const searchOrgs = async (q: string) => {
    const page = await organizationAdminApi.list({ q: q || undefined, active: 'true', page: 1, pageSize: 30, sort: 'name', order: 'asc' });
    setOrgs(page.items.map((o) => ({ value: o.id, label: `${o.name}（${enums.label('orgKind', o.kind)}）`, kind: o.kind })));
  };

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const r = await accountApi.create({ ...(sysadmin ? { orgId: v.orgId } : {}), username: v.username, displayName: v.displayName, roles: v.roles });
      form.resetFields();
      onCreated(r);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal title="新建账号" open={open} onOk={catching(submit)} confirmLoading={saving} onCancel={onClose} okText="创建" destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ roles: [] }}>
        {sysadmin ? (
          <Form.Item name="orgId" label="所属机构" rules={[{ required: true, message: '请选择所属机构' }]}>
            <Select
              showSearch
              filterOption={false}
              placeholder="输入机构名称搜索"
              options={orgs}
              onSearch={(q) => void searchOrgs(q).catch(() => undefined)}
              onFocus={() => void searchOrgs('').catch(() => undefined)}
              onChange={(id: string) => {
                setOrgKind(orgs.find((o) => o.value === id)?.kind ?? '');
                form.setFieldValue('roles', []);
              }}
            />
          </Form.Item>
        ) : (
          <Form.Item label="所属机构">
            <Input value={user?.orgName} disabled />
          </Form.Item>
        )}
        <Form.Item
          name="username"
          label="用户名"
          extra="以字母开头，3–32位字母、数字、下划线、点或短横线；创建后不能修改"
          rules={[
            { required: true, message: '请输入用户名' },
            { pattern: /^[A-Za-z][A-Za-z0-9_.-]{2,31}$/, message: '用户名须以字母开头，由3–32位字母、数字、下划线、点或短横线组成' },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, message: '请输入姓名' }, { max: 50, message: '姓名不能超过50个字符' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="roles" label="角色" rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个角色' }]}>
          <Checkbox.Group options={grantable.map((r) => ({ value: r, label: enums.label('role', r) }))} />
        </Form.Item>
        {orgKind && grantable.length === 0 && <Alert type="info" showIcon message="该类机构暂无可授予的角色" />}
      </Form>
    </Modal>
  );
}

export function EditAccountModal({ account, onClose, onSaved }: { account: AccountRow | null; onClose: () => void; onSaved: () => void }) {
  const { user, access } = useSession();
  const enums = useEnums();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ displayName: string; roles: Role[] }>();
  const [saving, setSaving] = useState(false);
  const self = account?.id === user?.id;
  const grantable = user && account ? grantableFor(user.roles, account.orgKind, access.isSysadmin) : [];
  const submit = async () => {
    if (!account) return;
    const v = await form.validateFields();
    setSaving(true);
    try {
      await accountApi.update(account.id, { version: account.version, displayName: v.displayName, ...(self ? {} : { roles: v.roles }) });
      message.success('账号已保存');
      onSaved();
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal title={`编辑账号 ${account?.username ?? ''}`} open={!!account} onOk={catching(submit)} confirmLoading={saving} onCancel={onClose} okText="保存" destroyOnHidden>
      {account && (
        <Form form={form} layout="vertical" preserve={false} initialValues={{ displayName: account.displayName, roles: account.roles }}>
          <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, message: '请输入姓名' }, { max: 50, message: '姓名不能超过50个字符' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="roles" label="角色" extra={self ? '不能修改自己的角色' : undefined} rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个角色' }]}>
            <Checkbox.Group disabled={self} options={grantable.map((r) => ({ value: r, label: enums.label('role', r) }))} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

export function LegalRepresentativeModal({ account, onClose, onSaved }: { account: AccountRow | null; onClose: () => void; onSaved: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ idNumber: string }>();
  const [saving, setSaving] = useState(false);
  const run = async (idNumber: string | null) => {
    if (!account) return;
    setSaving(true);
    try {
      await accountApi.linkLegalRepresentative(account.id, account.version, idNumber);
      message.success(idNumber ? '已关联法定代表人' : '已解除关联');
      onSaved();
    } finally {
      setSaving(false);
    }
  };
  const submit = async () => {
    const { idNumber } = await form.validateFields();
    await run(idNumber.trim().toUpperCase());
  };
  return (
    <Modal
      title={`关联法定代表人：${account?.displayName ?? ''}`}
      open={!!account}
      onOk={catching(submit)}
      confirmLoading={saving}
      onCancel={onClose}
      okText="核对并关联"
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        输入法定代表人的身份证号，系统与机构名录中登记的现任法定代表人核对一致后关联。关联后，该账号可以法定代表人身份签订服务协议（云医保〔2022〕6号 第十八条）。
      </Typography.Paragraph>
      {account?.personName && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={`当前已关联：${account.personName}`}
          action={<Typography.Link onClick={catching(() => run(null))}>解除关联</Typography.Link>}
        />
      )}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="idNumber" label="法定代表人身份证号" rules={[{ required: true, message: '请输入身份证号' }, { len: 18, message: '身份证号应为18位' }]}>
          <Input autoComplete="off" maxLength={18} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
