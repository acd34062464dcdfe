import type { Rng } from './rng.js';

/** Names of people and groups as they look in Chinese customer groups: nicknames far more than real names. */

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁沈'.split('');
const GIVEN = '芳静丽敏娟艳霞婷雪慧颖琳欣悦涛强军磊伟杰浩宇晨阳鹏博思佳子雨梦晓文嘉一萱然琪瑶'.split('');
const NICKNAMES = [
  '小雨', '糖糖', '阳光', '开心果', '一米阳光', '静待花开', '岁月静好', '向日葵', '柠檬', '橙子', '奶茶不加糖',
  '小鱼儿', '木子', '云朵', '星星', '微笑', '花开富贵', '平安是福', '知足常乐', '小确幸', '快乐每一天', '追梦人',
  '风轻云淡', '简单', '兔兔', '小太阳', '清风徐来', '夏天的风', '慢慢来', '好运连连', '梦想家', '晴天', '海阔天空',
];
const CHILD_NAMES = ['豆豆', '果果', '朵朵', '乐乐', '安安', '甜甜', '可可', '多多', '团团', '圆圆', '贝贝', '壮壮', '妞妞'];
const PARENT_SUFFIX = ['妈妈', '妈', '麻麻', '爸爸', '妈咪'];
const DECORATIONS = ['🌸', '🍀', '☀️', '~', '🌙', '🌷', '💫', '🐰'];
const CITIES = ['杭州', '上海', '深圳', '广州', '成都', '武汉', '南京', '苏州', '北京', '长沙', '重庆', '西安'];
const TITLES = ['姐', '老师', '哥', '总'];
const ENGLISH = [
  'Lily', 'Amy', 'Coco', 'Kevin', 'Jason', 'Vivian', 'Cindy', 'Grace', 'Tony', 'Eric', 'Anna', 'Mia', 'Leo', 'Sunny',
  'Jessica', 'Michael', 'Emma', 'Yuki', 'Ivy', 'Alice',
];
const ENGLISH_SURNAMES = ['Chen', 'Wang', 'Li', 'Zhang', 'Liu', 'Lin', 'Huang', 'Zhou'];
const TRADES = ['美妆顾问', '母婴', '团长', '代购', '瑜伽', '烘焙'];

function realName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN) + (rng.chance(0.55) ? rng.pick(GIVEN) : '');
}

/** A member's display name; about one in seven is English, as in city groups. */
export function memberName(rng: Rng): string {
  const r = rng.float();
  if (r < 0.22) return realName(rng);
  if (r < 0.45) return rng.pick(NICKNAMES);
  if (r < 0.6) return rng.pick(CHILD_NAMES) + rng.pick(PARENT_SUFFIX);
  if (r < 0.7) return rng.pick(NICKNAMES) + rng.pick(DECORATIONS);
  if (r < 0.8) {
    const s = rng.float();
    if (s < 0.4) return `${rng.pick(CITIES)}-${realName(rng)}`;
    if (s < 0.75) return rng.pick(SURNAMES) + rng.pick(TITLES);
    return `${realName(rng)} | ${rng.pick(TRADES)}`;
  }
  if (r < 0.86) return `${rng.pick(ENGLISH)}${rng.pick(['', '_', '-'])}${rng.pick(SURNAMES)}${rng.pick(GIVEN)}`;
  return rng.chance(0.4) ? `${rng.pick(ENGLISH)} ${rng.pick(ENGLISH_SURNAMES)}` : rng.pick(ENGLISH);
}

export type CommunityType = 'basic' | 'vip' | 'distribution';

const HOST_ROLES: Record<CommunityType, string[]> = {
  basic: ['小助手', '客服', '福利官', '运营-安琪', '社群管家'],
  vip: ['会员顾问', '专属客服', '小美老师'],
  distribution: ['班主任', '小美老师', '运营-安琪', '团长导师'],
};

/** Display name of a group's host account, e.g. "鲜果坊福利官" or "小美老师". */
export function hostName(rng: Rng, brand: string, type: CommunityType): string {
  const role = rng.pick(HOST_ROLES[type]);
  return role.includes('-') || role.endsWith('老师') ? role : brand + role;
}

export const BRANDS = ['小鹿', '鲜果坊', '优米', '蜜桃', '禾木', '悦享', '拾光', '橙心', '暖暖', '森屿'];

/** Group name patterns per subtype; {b} is the brand and {n} the running number within the subtype. */
const COMMUNITY_NAME_PATTERNS: Record<string, string[]> = {
  福利群: ['{b}宝妈福利群 {n}', '{b}福利社{n}群', '{b}宠粉福利 {n}群'],
  粉丝群: ['{b}粉丝群 {n}', '{b}铁粉俱乐部 {n}'],
  秒杀群: ['{b}每日秒杀群 {n}', '{b}9.9秒杀 {n}群'],
  快闪群: ['{b}618快闪群 {n}', '{b}双11快闪群 {n}', '{b}周末快闪 {n}'],
  工具群: ['{b}售后服务群 {n}', '{b}用户交流群 {n}'],
  进阶群: ['{b}进阶群 {n}', '{b}达人进阶 {n}群'],
  精英群: ['VIP会员精英群 {n}', '{b}精英会员群 {n}'],
  会员群: ['{b}黑金会员群 {n}', '{b}VIP会员群 {n}'],
  商学院: ['{b}商学院分销 {n}班', '{b}商学院 第{n}期'],
  班级群: ['{b}团长训练营 {n}班', '{b}分销班级群 {n}'],
};

export const SUBTYPES: Record<CommunityType, string[]> = {
  basic: ['福利群', '粉丝群', '秒杀群', '快闪群', '工具群'],
  vip: ['进阶群', '精英群', '会员群'],
  distribution: ['商学院', '班级群'],
};

/**
 * Name of the n-th group of a subtype. Operators number a series under one pattern ("宝妈福利群 1, 2, 3"),
 * so the pattern is drawn once per subtype and kept in `patterns`.
 */
export function communityName(rng: Rng, brand: string, subtype: string, n: number, patterns: Map<string, string>): string {
  let pattern = patterns.get(subtype);
  if (pattern === undefined) {
    pattern = rng.pick(COMMUNITY_NAME_PATTERNS[subtype]!);
    patterns.set(subtype, pattern);
  }
  return pattern.replace('{b}', brand).replace('{n}', String(n));
}
