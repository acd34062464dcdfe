import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from '../../../test/helpers/database.js';
import { as, loginAs, makeWorkspace, testApp } from '../../../test/helpers/app.js';
import { rows, sql } from '../../db/client.js';
import { clearTokenCache } from './api-client.js';
import { startFakeWecom, tokenOk, type FakeWecom } from './fake-wecom.js';
import { previousChinaDay, pullGroupStatistics } from './pull-group-statistics.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let fake: FakeWecom;
let admin: ReturnType<typeof as>;
let corp: string;
let wsId: string;

const STAT = '/cgi-bin/externalcontact/groupchat/statistic';
const data = (n: number) => ({ new_chat_cnt: n, chat_total: 10 * n, chat_has_msg_cnt: n, new_member_cnt: 2 * n, member_total: 100 * n, member_has_msg_cnt: 3 * n, msg_total: 50 * n, migrate_trainee_chat_cnt: 0 });

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database);
  fake = await startFakeWecom();
  const ws = await makeWorkspace(database, 'wecom-stats', [{ email: 'admin@st.test', role: 'admin' }]);
  wsId = ws.id;
  admin = as(app, await loginAs(app, 'admin@st.test'));
  const res = await admin.post('/api/v1/channels/wecom/corps', { name: 'stats', corpId: 'wwstats', agentId: '1', secret: 'secret-stats', token: 'QDG6eK', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', baseUrl: fake.baseUrl });
  corp = res.json().id;
  // Owners come from synced groups; the communities are plain rows here.
  for (const [chat, owner] of [['wrS1', 'zhangsan'], ['wrS2', 'lisi'], ['wrS3', 'lisi']] as const) {
    await database.db.execute(sql`with c as (insert into communities (workspace_id, channel, external_id, name) values (${wsId}, 'wecom', ${chat}, ${chat}) returning id)
      insert into wecom_groups (workspace_id, corp_row_id, chat_id, community_id, owner_userid) select ${wsId}, ${corp}, ${chat}, id, ${owner} from c`);
  }
});
afterAll(async () => { await app.close(); await fake.close(); await database.drop(); });
beforeEach(() => { clearTokenCache(); fake.requests.length = 0; fake.answer('/cgi-bin/gettoken', tokenOk('TOKEN')); });

describe('WeCom group statistics', () => {
  it('takes the previous China day: 00:30 in Beijing is still the day before in UTC', () => {
    expect(previousChinaDay(new Date('2026-03-10T16:30:00Z'))).toEqual({ day: '2026-03-10', beginTime: Date.parse('2026-03-10T00:00:00+08:00') / 1000 });
    expect(previousChinaDay(new Date('2026-03-10T15:59:00Z'))).toEqual({ day: '2026-03-09', beginTime: Date.parse('2026-03-09T00:00:00+08:00') / 1000 });
  });

  it('pulls each owner\'s day once, pages by offset, and answers per-day totals', async () => {
    const now = new Date();
    const { day, beginTime } = previousChinaDay(now);
    fake.answer(STAT,
      { errcode: 0, errmsg: 'ok', total: 2, next_offset: 1, items: [{ owner: 'lisi', data: data(1) }] },
      { errcode: 0, errmsg: 'ok', total: 2, next_offset: 2, items: [{ owner: 'zhangsan', data: data(2) }] });
    expect(await pullGroupStatistics(database, now)).toEqual({ pulled: 1, failed: [] });
    const calls = fake.requests.filter((r) => r.path === STAT).map((r) => r.body);
    expect(calls).toEqual([
      { day_begin_time: beginTime, day_end_time: beginTime, owner_filter: { userid_list: ['lisi', 'zhangsan'] }, offset: 0, limit: 1000 },
      { day_begin_time: beginTime, day_end_time: beginTime, owner_filter: { userid_list: ['lisi', 'zhangsan'] }, offset: 1, limit: 1000 },
    ]);
    const stored = await rows(database.db, sql`select owner_userid, new_chat_cnt, chat_total, member_total, msg_total from wecom_group_stats where corp_row_id = ${corp} order by owner_userid`);
    expect(stored).toEqual([
      { owner_userid: 'lisi', new_chat_cnt: 1, chat_total: 10, member_total: 100, msg_total: 50 },
      { owner_userid: 'zhangsan', new_chat_cnt: 2, chat_total: 20, member_total: 200, msg_total: 100 },
    ]);

    // The next hourly run of the same day calls WeCom no more and stores nothing twice.
    fake.requests.length = 0;
    expect(await pullGroupStatistics(database, now)).toEqual({ pulled: 0, failed: [] });
    expect(fake.requests.filter((r) => r.path === STAT)).toHaveLength(0);
    expect((await rows(database.db, sql`select 1 from wecom_group_stats where corp_row_id = ${corp}`)).length).toBe(2);

    const res = await admin.get(`/api/v1/channels/wecom/corps/${corp}/statistics?days=30`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().days).toEqual([{ day, owners: 2, newChatCnt: 3, chatTotal: 30, chatHasMsgCnt: 3, newMemberCnt: 6, memberTotal: 300, memberHasMsgCnt: 9, msgTotal: 150, migrateTraineeChatCnt: 0 }]);
    expect((await admin.get(`/api/v1/channels/wecom/corps/${corp}/statistics?days=0`)).json().error.fields[0].path).toBe('days');
  });

  it('tries a failed corp again on the next run, and records a day WeCom had nothing for', async () => {
    const now = new Date(Date.now() - 2 * 86_400_000);
    fake.answer(STAT, { errcode: 60011, errmsg: 'no privilege' }, { errcode: 0, errmsg: 'ok', total: 0, next_offset: 0, items: [] });
    const failed = await pullGroupStatistics(database, now);
    expect(failed.pulled).toBe(0);
    expect(failed.failed[0]).toMatch(/60011/);
    expect(await pullGroupStatistics(database, now)).toEqual({ pulled: 1, failed: [] });
    expect(await pullGroupStatistics(database, now)).toEqual({ pulled: 0, failed: [] });
    expect(fake.requests.filter((r) => r.path === STAT)).toHaveLength(2);
    const days = await rows<{ day: string }>(database.db, sql`select to_char(day, 'YYYY-MM-DD') as day from wecom_group_stat_days where corp_row_id = ${corp} order by day`);
    expect(days.map((d) => d.day)).toEqual([previousChinaDay(now).day, previousChinaDay(new Date()).day]);
  });
});
