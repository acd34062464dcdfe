import { describe, expect, it } from 'vitest';
import { localDate, MissingVariableError, parseTemplate, renderTemplate, variablesIn } from './variables.js';
import { contentProblems, plainText, renderContent } from './content.js';

const values = { 'member.name': '小王', 'community.name': '宝妈福利群', 'workspace.name': '好物社', date: '2026-05-10' };

describe('renderTemplate', () => {
  it('fills every variable, repeated ones each time, with spaces inside the braces allowed', () => {
    expect(renderTemplate('{{member.name}}你好，欢迎来到{{ community.name }}！{{member.name}}，今天是{{  date}}。', values))
      .toBe('小王你好，欢迎来到宝妈福利群！小王，今天是2026-05-10。');
    expect(renderTemplate('{{workspace.name}}', values)).toBe('好物社');
    expect(renderTemplate('no variables at all', {})).toBe('no variables at all');
  });

  it('is plain text: nothing is HTML-escaped and single braces are literal', () => {
    expect(renderTemplate('<b>{{member.name}}</b> & "co" {x} }{', { 'member.name': '<Tom & Jerry>' }))
      .toBe('<b><Tom & Jerry></b> & "co" {x} }{');
  });

  it('never expands a value again: a member named like a variable keeps that name', () => {
    expect(renderTemplate('Hi {{member.name}} on {{date}}', { 'member.name': '{{date}}', date: '2026-01-01' }))
      .toBe('Hi {{date}} on 2026-01-01');
  });

  it('refuses a missing value instead of leaving a hole', () => {
    expect(() => renderTemplate('Hi {{member.name}}', { date: 'x' })).toThrow(MissingVariableError);
    try {
      renderTemplate('Hi {{ member.name }}', {});
    } catch (err) {
      expect((err as MissingVariableError).variable).toBe('member.name');
    }
  });
});

describe('parseTemplate', () => {
  it('names unknown variables, in their trimmed form', () => {
    expect(parseTemplate('Hi {{member.nmae}} and {{ shop.name }}').problems).toEqual(['unknown variable {{member.nmae}}', 'unknown variable {{shop.name}}']);
  });

  it('finds unbalanced, empty and malformed braces', () => {
    expect(parseTemplate('Hi {{member.name').problems).toEqual(['unclosed {{ at character 4']);
    expect(parseTemplate('Hi member.name}} there').problems).toEqual(['unmatched }} at character 15']);
    expect(parseTemplate('{{ {{date}}').problems).toEqual(['unclosed {{ at character 1']);
    expect(parseTemplate('a {{}} b {{  }}').problems).toEqual(['empty variable {{}} at character 3', 'empty variable {{}} at character 10']);
    expect(parseTemplate('{{member name}}').problems).toEqual(['invalid variable {{member name}} at character 1']);
    expect(parseTemplate('{{{date}}}').problems).toEqual(['invalid variable {{{date}} at character 1']);
  });

  it('keeps checking after a problem, and lists the variables used once each', () => {
    expect(parseTemplate('{{oops}} then {{date}} then }}').problems).toEqual(['unknown variable {{oops}}', 'unmatched }} at character 29']);
    expect(variablesIn('{{date}} {{ date }} {{member.name}}')).toEqual(['date', 'member.name']);
  });
});

describe('localDate', () => {
  it('is the calendar day on the workspace clock', () => {
    const at = new Date('2026-05-09T17:30:00Z');
    expect(localDate(at, 'Asia/Shanghai')).toBe('2026-05-10');
    expect(localDate(at, 'America/New_York')).toBe('2026-05-09');
  });
});

describe('content', () => {
  it('names the field and the variable of each problem', () => {
    expect(contentProblems('text', { text: 'Hi {{member.nmae}}' }, 'variants[0].content'))
      .toEqual([{ path: 'variants[0].content.text', message: 'unknown variable {{member.nmae}}' }]);
    expect(contentProblems('link', { title: 'x', url: 'ftp://a', coverUrl: 'https://x/{{date}}', extra: 1 }, 'c')).toEqual([
      { path: 'c.extra', message: 'not a field of link content' },
      { path: 'c.url', message: 'must be an http(s) URL' },
      { path: 'c.coverUrl', message: 'variables are not allowed here; write the address literally' },
    ]);
    expect(contentProblems('mini_program', { title: 't' }, 'c').map((p) => p.path)).toEqual(['c.appId', 'c.pagePath']);
    expect(contentProblems('image', { url: 'https://cdn.example.com/a.png' }, 'c')).toEqual([]);
  });

  it('renders readable fields only and has a plain-text form for channels without cards', () => {
    const link = { title: '{{community.name}}专享', description: '截止 {{date}}', url: 'https://shop.example.com/?a={{x' };
    const rendered = renderContent('link', link, values);
    expect(rendered).toEqual({ title: '宝妈福利群专享', description: '截止 2026-05-10', url: 'https://shop.example.com/?a={{x' });
    expect(plainText('link', rendered)).toBe('宝妈福利群专享\n截止 2026-05-10\nhttps://shop.example.com/?a={{x');
  });
});
