/** 系统管理 · 统一身份认证关联: which platform identity signs in to which account (system administrator). */
import { Card, Typography } from 'antd';
import { IdentityLinks } from './identity-links';

export default function SsoIdentitiesPage() {
  return (
    <Card title="统一身份认证账号关联">
      <Typography.Paragraph type="secondary">
        统一身份认证平台的账号只能登录系统管理员关联的本系统已有账号，不会自动建立账号或授予角色；账号停用后也不能经统一身份认证登录。
      </Typography.Paragraph>
      <IdentityLinks />
    </Card>
  );
}
