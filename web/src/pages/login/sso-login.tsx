/**
 * 统一身份认证登录 (decision 0026): the button when the deployment enabled single sign-on, and the
 * message of a sign-in the server sent back here (/login?sso_error=<code>; the texts come from the
 * server, so that an address cannot put words of its own on the login page).
 */
import { Alert, Button, Divider } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { ssoApi, ssoStartUrl } from '../../api/sso-endpoints';
import { useRequest } from '../../hooks/use-request';

export function SsoLogin({ target, errorCode }: { target: string; errorCode: string | null }) {
  const { data } = useRequest(() => ssoApi.config(), []);
  if (!data) return null;
  const message = errorCode ? (data.errors as Record<string, string | undefined>)[errorCode] : undefined;
  return (
    <>
      {message && <Alert type="error" showIcon title={message} style={{ marginTop: 16 }} />}
      {data.enabled && (
        <>
          <Divider plain>或</Divider>
          <Button block icon={<SafetyCertificateOutlined />} href={ssoStartUrl(target)}>
            {data.label}
          </Button>
        </>
      )}
    </>
  );
}
