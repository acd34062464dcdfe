import { afterEach, describe, expect, it } from 'vitest';
import { mask, seal, unseal } from './secrets.js';
import { normaliseCallback } from './normalise.js';
import { parseFlatXml } from './xml.js';

const env = { key: process.env.SHEQUN_SECRET_KEY, node: process.env.NODE_ENV };
afterEach(() => {
  for (const [name, value] of [['SHEQUN_SECRET_KEY', env.key], ['NODE_ENV', env.node]] as const) {
    if (value === undefined) delete process.env[name]; else process.env[name] = value;
  }
});

describe('secrets at rest', () => {
  it('seals with a fresh IV each time and opens only under the same key', () => {
    process.env.SHEQUN_SECRET_KEY = 'key-one';
    const a = seal('app-secret');
    expect(a).not.toContain('app-secret');
    expect(seal('app-secret')).not.toBe(a);
    expect(unseal(a)).toBe('app-secret');
    process.env.SHEQUN_SECRET_KEY = 'key-two';
    expect(() => unseal(a)).toThrow();
  });

  it('refuses to seal in production without SHEQUN_SECRET_KEY', () => {
    delete process.env.SHEQUN_SECRET_KEY;
    process.env.NODE_ENV = 'production';
    expect(() => seal('x')).toThrow(/SHEQUN_SECRET_KEY/);
  });

  it('masks all but the last four characters', () => {
    expect(mask('abcdefgh')).toBe('****efgh');
    expect(mask('abc')).toBe('****');
  });
});

describe('callback normalisation', () => {
  const chat = (inner: string) => normaliseCallback(parseFlatXml(`<xml><CreateTime>1700000000</CreateTime><MsgType>event</MsgType><Event>change_external_chat</Event><ChatId>wr1</ChatId>${inner}</xml>`)!);

  it('maps the join and quit scenes, and unknown codes to unknown', () => {
    const scene = (code: string) => chat(`<ChangeType>update</ChangeType><UpdateDetail>add_member</UpdateDetail><JoinScene>${code}</JoinScene><MemChangeList><Item>u1</Item></MemChangeList><CurMemVer>v</CurMemVer>`).events[0]!.data!.scene;
    expect(['0', '1', '3', '9'].map(scene)).toEqual(['invite', 'link', 'qr_code', 'unknown']);
    const quit = (code: string) => chat(`<ChangeType>update</ChangeType><UpdateDetail>del_member</UpdateDetail><QuitScene>${code}</QuitScene><MemChangeList><Item>u1</Item></MemChangeList>`).events[0]!.data!.reason;
    expect(['0', '1'].map(quit)).toEqual(['quit', 'removed']);
  });

  it('turns name, owner and notice changes into community changes without events, and ignores other events', () => {
    for (const detail of ['change_name', 'change_owner', 'change_notice']) {
      const n = chat(`<ChangeType>update</ChangeType><UpdateDetail>${detail}</UpdateDetail>`);
      expect(n.events).toEqual([]);
      expect(n.community).toEqual({ externalId: 'wr1', change: detail });
    }
    const other = normaliseCallback(parseFlatXml('<xml><MsgType>event</MsgType><Event>enter_agent</Event><CreateTime>1</CreateTime></xml>')!);
    expect(other).toMatchObject({ kind: 'enter_agent.other', events: [] });
  });
});
