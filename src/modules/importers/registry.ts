import type { ImportParser } from './types.js';
import { whatsappParser } from './formats/whatsapp.js';
import { telegramJsonParser } from './formats/telegram-json.js';
import { telegramHtmlParser } from './formats/telegram-html.js';
import { slackParser } from './formats/slack.js';
import { discordJsonParser } from './formats/discord-json.js';
import { discordCsvParser } from './formats/discord-csv.js';
import { wechatCsvParser } from './formats/wechat-csv.js';
import { qqTxtParser } from './formats/qq-txt.js';

/** Every chat-export format Shequn reads, in the order of IMPORT_FORMATS. */
export const IMPORT_PARSERS: ImportParser[] = [
  whatsappParser, telegramJsonParser, telegramHtmlParser, slackParser, discordJsonParser, discordCsvParser, wechatCsvParser, qqTxtParser,
];
