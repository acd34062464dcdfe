/**
 * What a message is about, as terms for comparing members (docs/metrics.md, "Suggested introductions").
 * Latin-script words of 3 letters or more, lowercased; Chinese as the character bigrams of each run of Han
 * characters, since Chinese has no spaces and a bigram ("炸锅", "机器") is the usual cheap stand-in for a
 * word. Links go first so their pieces ("https", "com") are not topics. Stop words and the commonest
 * bigrams carry no topic and are dropped.
 */

const LINK = /(?:https?:\/\/|www\.)[!-~]*/giu;
const LATIN_WORD = /\p{Script=Latin}+/gu;
const HAN_RUN = /\p{Script=Han}+/gu;
const MIN_WORD = 3;

const STOP_WORDS = new Set(`
  the and for are but not you your yours our ours they them their this that these those with from into onto
  was were been being have has had having will would could should can may might must shall does did doing
  what when where which who whom whose why how all any both each few more most other some such only own same
  than too very just also about above after again against because before below between down during further
  here there then once out off over under until while yes yeah okay thanks thank please hello good great
  nice really much many well get got let its don dont didn doesn isn aren wasn won cannot
`.split(/\s+/).filter(Boolean));

const STOP_BIGRAMS = new Set(`
  我们 你们 他们 她们 大家 今天 明天 昨天 现在 什么 怎么 这个 那个 一个 一下 没有 可以 不是 就是 还是 但是 因为
  所以 如果 已经 自己 觉得 知道 这样 那样 时候 真的 谢谢 哈哈 好的 是的 不错 有没 有人 一起 应该 还有 然后
`.split(/\s+/).filter(Boolean));

/** Every term occurrence in the text, in order (repeats kept: they are the term frequency). */
export function topicTerms(text: string): string[] {
  const clean = text.replace(LINK, ' ');
  const terms: string[] = [];
  for (const [word] of clean.matchAll(LATIN_WORD)) {
    const w = word.toLowerCase();
    if ([...w].length >= MIN_WORD && !STOP_WORDS.has(w)) terms.push(w);
  }
  for (const [run] of clean.matchAll(HAN_RUN)) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) {
      const bigram = chars[i]! + chars[i + 1]!;
      if (!STOP_BIGRAMS.has(bigram)) terms.push(bigram);
    }
  }
  return terms;
}
