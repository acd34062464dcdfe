import { useState } from 'react';
import { App, Alert, Button, Card, Flex, Input, List, Radio, Space, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n/index.js';
import { errorText } from '../errors.js';
import { DeleteAction } from '../RowActions.js';
import { moderationApi, type WordCategory, type WordImportResult } from './moderationApi.js';

/** The workspace's word lists by category, and the plain text import (a pasted list or a .txt file), with its per-line errors. */
export function WordListCard({ categories, editable, onChanged }: { categories: WordCategory[]; editable: boolean; onChanged: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [mode, setMode] = useState<'merge' | 'replace'>('merge');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<WordImportResult>();

  const runImport = async () => {
    setBusy(true);
    try {
      const r = await moderationApi.importWords({ text, mode });
      setResult(r);
      message.success(t('moderation.words.imported', { n: r.imported }));
      onChanged();
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('moderation.words.title')} data-testid="word-lists">
      <Flex vertical gap={12}>
        {categories.length === 0 ? <Typography.Text type="secondary">{t('moderation.words.none')}</Typography.Text> : (
          <Space wrap>
            {categories.map((c) => (
              <Space key={c.category} size={4}>
                <Tag>{c.category} · {c.terms}</Tag>
                {editable && <DeleteAction confirm={t('moderation.words.deleteConfirm', { category: c.category })} label={t('moderation.delete')}
                  onConfirm={async () => { try { await moderationApi.deleteWords(c.category); onChanged(); } catch (err) { message.error(errorText(err, t)); } }} />}
              </Space>
            ))}
          </Space>
        )}
        {editable && (
          <>
            <Typography.Text type="secondary">{t('moderation.words.format')}</Typography.Text>
            <Input.TextArea rows={5} value={text} onChange={(e) => setText(e.target.value)} placeholder={'代开发票,ads\n博彩\tgambling\n加微信'} data-testid="word-import-text" />
            <Space wrap>
              <Upload accept=".txt,text/plain" showUploadList={false} beforeUpload={(file) => { void file.text().then(setText); return false; }}>
                <Button icon={<UploadOutlined />}>{t('moderation.words.file')}</Button>
              </Upload>
              <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as 'merge' | 'replace')} options={[
                { value: 'merge', label: t('moderation.words.merge') }, { value: 'replace', label: t('moderation.words.replace') },
              ]} />
              <Button type="primary" loading={busy} disabled={!text.trim()} onClick={runImport} data-testid="word-import">{t('moderation.words.import')}</Button>
            </Space>
          </>
        )}
        {result && result.errors.length > 0 && (
          <Alert type="warning" showIcon message={t('moderation.words.errors', { n: result.errors.length })} description={
            <List size="small" dataSource={result.errors.slice(0, 50)} renderItem={(e) => (
              <List.Item data-testid="word-import-error">{t('moderation.words.line', { line: e.line })}: {e.message}</List.Item>
            )} />
          } />
        )}
      </Flex>
    </Card>
  );
}
