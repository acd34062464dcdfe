import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Flex, Form, Input, Typography, theme } from 'antd';
import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { ApiError } from '../api.js';
import { FullPageSpin, useAuth } from '../auth.js';
import { useI18n } from '../i18n/index.js';
import { applyFieldErrors, errorText } from '../components/errors.js';
import { LanguageSwitch } from '../components/LanguageSwitch.js';

interface Values { email: string; password: string }

export default function LoginPage() {
  const { t } = useI18n();
  const { session, login } = useAuth();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const location = useLocation();
  const navigate = useNavigate();
  const { token } = theme.useToken();
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (session === undefined) return <FullPageSpin />;
  if (session) return <Navigate to={from} replace />;

  const submit = async (v: Values) => {
    setBusy(true);
    setFailure(null);
    try {
      await login(v.email.trim(), v.password);
      navigate(from, { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'unauthorized') setFailure(t('login.badCredentials'));
      else if (!applyFieldErrors(form, err, ['email', 'password'])) setFailure(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh', background: token.colorBgLayout, padding: 16 }}>
      <Card style={{ width: 380, maxWidth: '100%' }}>
        <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>{t('app.name')}</Typography.Title>
          <LanguageSwitch />
        </Flex>
        <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
        {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="email" label={t('login.email')} htmlFor="login-email"
            rules={[{ required: true, message: t('form.required') }, { type: 'email', message: t('form.email') }]}>
            <Input id="login-email" prefix={<MailOutlined />} autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} htmlFor="login-password"
            rules={[{ required: true, message: t('form.required') }]}>
            <Input.Password id="login-password" prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button id="login-submit" type="primary" htmlType="submit" block size="large" loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
