import { useRef, useState, type KeyboardEvent } from 'react';
import { App, Button, Flex, Input, Typography } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { api } from '../../api.js';
import { useI18n } from '../../i18n/index.js';
import { errorText } from '../errors.js';
import { newIdempotencyKey as newKey } from '../idempotencyKey.js';

/** Sandbox groups only: the message goes through the outbox like any automated send would. */
export function ChatComposer({ communityId, onSent }: { communityId: string; onSent: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  // One key per message, kept across retries, so a retry after a lost answer cannot queue the text twice.
  const key = useRef(newKey());

  const send = async () => {
    const body = text.trim();
    if (!body || sending) return;
    setSending(true);
    try {
      await api.sendMessage(communityId, body, key.current);
      key.current = newKey();
      setText('');
      onSent();
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      setSending(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter also confirms a Chinese IME candidate; only a plain Enter outside composition sends.
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void send();
    }
  };

  return (
    <Flex vertical gap={6}>
      <Flex gap={8} align="flex-end">
        <Input.TextArea
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            key.current = newKey();
          }}
          onKeyDown={onKeyDown}
          autoSize={{ minRows: 2, maxRows: 6 }}
          placeholder={t('chat.placeholder')}
          data-testid="chat-input"
        />
        <Button type="primary" icon={<SendOutlined />} onClick={() => void send()} loading={sending}
          disabled={!text.trim()} data-testid="chat-send">
          {t('chat.send')}
        </Button>
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('chat.sandboxHint')}</Typography.Text>
    </Flex>
  );
}
