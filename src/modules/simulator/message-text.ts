import type { CommunityType } from './names.js';
import type { Rng } from './rng.js';

/** What members write. Each builder returns the `data` of a message.sent event. */
export interface MessageBody {
  text?: string;
  mediaType?: 'image' | 'video' | 'voice' | 'link' | 'sticker' | 'mini_program';
  replyTo?: string;
  mentions?: string[];
}

export const PRODUCTS: Record<CommunityType, string[]> = {
  basic: ['纸尿裤', '奶粉', '洗衣液', '抽纸', '湿巾', '纯牛奶', '坚果礼盒', '面膜', '洗发水', '保温杯', '车厘子', '猕猴桃', '大米', '橄榄油', '儿童袜子'],
  vip: ['精华液', '羊绒围巾', '护肤套装', '燕窝', '茶叶礼盒', '按摩仪', '空气炸锅', '蚕丝被', '真丝睡衣'],
  distribution: ['爆款洗衣凝珠', '益生菌', '面膜套盒', '零食大礼包', '代餐奶昔', '儿童牙膏', '驱蚊液'],
};

const QUESTIONS = [
  '{p}还有货吗？', '{p}多少钱呀', '请问{p}怎么用？', '{p}什么时候发货', '有人买过{p}吗？好用吗', '链接在哪里呀',
  '怎么下单？', '{p}可以退吗', '优惠券怎么领？', '今天有秒杀吗？', '{p}适合宝宝用吗', '我的快递还没到，找谁呀',
  '{p}和上次那款有什么区别', '积分可以抵现吗',
];
const DISTRIBUTION_QUESTIONS = [
  '佣金什么时候结算？', '提现要多久到账', '这个素材可以直接发朋友圈吗', '新人怎么开始推广', '{p}的推广海报在哪里下载',
  '团长等级怎么升', '今晚的直播课有回放吗',
];
const ANSWERS = [
  '在群公告里有链接', '点小程序就能下单', '我买过，{p}挺好用的👍', '亲测好用，回购第三次了', '找群主领优惠券',
  '今天下单明天发', '可以七天无理由的', '私聊客服就行', '我家宝宝一直用这个', '周末有活动，等等更划算', '上周刚买，性价比很高',
  '群文件里有说明', '不太推荐，味道有点重', '用了一个月，效果还可以',
];
const DISTRIBUTION_ANSWERS = ['佣金每周三结算', '提现一般T+1到账', '素材在小程序“推广中心”里', '先把新人课看完，里面讲得很清楚', '直播有回放，在课程页'];
const THANKS = ['谢谢{name}！', '好的谢谢', '收到～', '明白了，感谢', '谢谢亲🙏', '太感谢了', '懂了懂了，谢谢'];
const GREETINGS_MORNING = ['早上好☀️', '大家早安', '早', '早呀各位', '新的一天加油💪', '早安，今天也要开心'];
const GREETINGS_NOON = ['中午好', '吃饭了吗大家', '午安'];
const GREETINGS_EVENING = ['晚上好', '晚安🌙', '大家晚安', '睡了睡了', '终于忙完了'];
const CHAT = [
  '哈哈哈哈', '是的是的', '同意', '真的吗', '+1', '我也想要', '今天好热啊', '下雨了，出门记得带伞', '孩子终于睡了', '刚下班',
  '这个价格可以啊', '已下单', '蹲一个', '求链接', '上次买的还没用完', '质量不错', '物流好快', '[捂脸]', '[强][强]', '[玫瑰]',
  '又胖了两斤😂', '周末去哪玩', '有同城的吗', '团购的到了吗', '这次包装升级了', '买了两箱囤着',
];
const EMOJI = ['👍', '😂😂😂', '🌹🌹', '[呲牙]', '[愉快]', '🙏', '👏👏', '❤️', '[旺柴]'];
const REACTIONS_TO_SPAM = ['？？？', '又是广告', '群主快踢了', '别上当，骗子', '举报了'];
const REACTIONS_TO_HOST = ['收到', '已下单', '冲冲冲', '期待', '已抢到🎉', '怎么抢不到啊', '还有吗'];
const INTRODUCTIONS = ['大家好，我是新来的', '大家好～请多关照', '来啦来啦', '朋友推荐进来的，大家好', '嗨👋', '新人报到'];
const CHECK_IN_TEXTS = ['打卡', '打卡第{k}天', '#打卡 Day{k} 今天也坚持了', '今日打卡✅', '打卡，第{k}天💪'];
const SPAM_TEXTS = [
  '兼职刷单日结，有意者加V：{v}', '【免费领红包】点击领取 {u}', '招代理，零成本创业，私聊', '低价出售各种会员账号，需要的私我',
  '加我微信送面膜试用装 {v}', '炒股内部消息，拉你进群 {u}',
];

function fill(template: string, vars: { p?: string; name?: string; k?: number; v?: string; u?: string }): string {
  // Templates hold at most one of each placeholder, so single replacements are enough (and fast).
  let out = template;
  if (vars.p !== undefined) out = out.replace('{p}', vars.p);
  if (vars.name !== undefined) out = out.replace('{name}', vars.name);
  if (vars.k !== undefined) out = out.replace('{k}', String(vars.k));
  if (vars.v !== undefined) out = out.replace('{v}', vars.v);
  if (vars.u !== undefined) out = out.replace('{u}', vars.u);
  return out;
}

export function productUrl(productIndex: number, communityExternalId: string): string {
  return `https://shop.example.com/p/${1000 + productIndex}?from=${communityExternalId}`;
}

export const text = {
  question(rng: Rng, type: CommunityType, product: string): string {
    const pool = type === 'distribution' && rng.chance(0.5) ? DISTRIBUTION_QUESTIONS : QUESTIONS;
    return fill(rng.pick(pool), { p: product });
  },
  answer(rng: Rng, type: CommunityType, product: string): string {
    const pool = type === 'distribution' && rng.chance(0.5) ? DISTRIBUTION_ANSWERS : ANSWERS;
    return fill(rng.pick(pool), { p: product });
  },
  thanks: (rng: Rng, name: string): string => fill(rng.pick(THANKS), { name }),
  greeting(rng: Rng, chinaHour: number): string {
    // Before 5 a.m. people are still up from the night before: it is "good night", not "good morning".
    return rng.pick(chinaHour < 5 ? GREETINGS_EVENING : chinaHour < 11 ? GREETINGS_MORNING : chinaHour < 15 ? GREETINGS_NOON : GREETINGS_EVENING);
  },
  chat: (rng: Rng): string => rng.pick(CHAT),
  emoji: (rng: Rng): string => rng.pick(EMOJI),
  aboutSpam: (rng: Rng): string => rng.pick(REACTIONS_TO_SPAM),
  aboutHostPost: (rng: Rng): string => rng.pick(REACTIONS_TO_HOST),
  introduction: (rng: Rng): string => rng.pick(INTRODUCTIONS),
  checkIn: (rng: Rng, streak: number): string => fill(rng.pick(CHECK_IN_TEXTS), { k: streak }),
  spam(rng: Rng, n: number): string {
    return fill(rng.pick(SPAM_TEXTS), { v: `wx${100000 + ((n * 7919) % 900000)}`, u: `http://spam.example.net/r/${n}` });
  },
};

/** Posts of a group's host: the daily rhythm of 私域 operation (morning hello, product pushes, sale nights). */
export const hostText = {
  morning(rng: Rng, product: string): string {
    return rng.pick([
      `【早安】各位家人早上好☀️ 今天的福利预告：${product}限时特价，中午12点准时开抢！`,
      '【早安】新的一天开始啦，记得喝水哦～ 今天群里有惊喜，大家多多关注🎁',
      `早上好！昨天${product}的订单都已发货，物流信息可以在小程序里查看📦`,
      '【早安打卡】今天你打卡了吗？连续打卡7天送积分，坚持就是胜利💪',
      `早安☀️ 今天降温了，大家注意保暖～ 群里${product}还有少量库存，需要的抓紧`,
      '【群公告】本群禁止发广告和拉人，违者直接移出，感谢大家配合🙏',
      `【早安】昨晚${product}又卖断货啦，没抢到的小伙伴今天还有一波补货`,
      '各位早上好～ 有任何售后问题直接@我，看到都会第一时间处理',
    ]);
  },
  promotion(rng: Rng, type: CommunityType, product: string, priceYuan: string, url: string): string {
    if (type === 'distribution' && rng.chance(0.6)) {
      return rng.pick([
        `【今日素材】${product}推广文案和图片已更新，大家记得发朋友圈～ ${url}`,
        `【课程通知】今晚8点直播课：如何用社群卖爆${product}，记得准时参加`,
        `【战报】昨日团队销售额破纪录，${product}卖出上千单，感谢各位团长💪`,
      ]);
    }
    if (type === 'vip' && rng.chance(0.6)) return `【会员专享】${product}会员价${priceYuan}元，仅限本群，名额有限 ${url}`;
    return rng.pick([
      `【今日好物】${product} 到手价${priceYuan}元，点击下单👉 ${url}`,
      `【限时秒杀】${product}只要${priceYuan}元，手慢无！${url}`,
      `【拼团】${product}三人成团${priceYuan}元，拉上闺蜜一起👭 ${url}`,
    ]);
  },
  preheat: (product: string, priceYuan: string): string =>
    `【明晚预告】宠粉节明晚8点开始，${product}低至${priceYuan}元，邀请好友进群还有红包🧧`,
  campaignStart: (product: string, url: string): string =>
    `【活动开始】宠粉节正式开始！分享海报邀请3位好友进群即可领取${product}一份🎁 ${url}`,
  saleStart: (product: string, url: string): string => `【8点整】${product}秒杀已开始，库存有限，冲！${url}`,
  welcome(rng: Rng, mentionNames: string[], groupName: string): string {
    const who = mentionNames.map((n) => '@' + n).join(' ');
    return rng.pick([
      `欢迎 ${who} 加入${groupName}🎉 请先看群公告，有问题随时@我～`,
      `热烈欢迎 ${who} 👏 新人福利：点群公告里的链接领一张无门槛券🎁`,
      `${who} 欢迎新朋友～ 每天早上9点打卡、晚上8点秒杀，别错过哦`,
    ]);
  },
  spamWarning: (spammerName: string): string => `@${spammerName} 群内禁止发广告，已移出群聊。请大家注意防骗⚠️`,
};
