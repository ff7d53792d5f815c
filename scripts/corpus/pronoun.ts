/**
 * The "it" family from The Illustrated Transformer and the Winograd schemas:
 *   "The animal didn't cross the street because it was too tired." → it = the animal
 *   "The animal didn't cross the street because it was too wide."  → it = the street
 * Only the adjective decides what "it" refers to. The Chinese makes the referent explicit in a
 * fixed way: an animal becomes 它 (natural Chinese for an animal just named), a thing or place
 * is repeated as a noun (因为街道太宽了), so the output shows whether the model resolved "it".
 */
import type { Rng } from './rng.ts';
import { ANIMALS, ANIMAL_FOOD, findNoun, type Noun } from './lexicon.ts';
import {
  PRONOUN_OWNERS,
  buildNP,
  finish,
  words,
  type Built,
  type NP,
  type Phrase,
} from './phrases.ts';
import type { Family } from './general.ts';

interface Obstacle {
  readonly en: string;
  readonly zh: string;
  /** Adjectives that make this obstacle the reason: "too wide". */
  readonly adjs: readonly Phrase[];
}

const A = (en: string, zh: string): Phrase => ({ en, zh });

const WAYS: readonly Obstacle[] = [
  {
    en: 'street',
    zh: '街道',
    adjs: [
      A('wide', '宽'),
      A('busy', '繁忙'),
      A('long', '长'),
      A('dangerous', '危险'),
      A('crowded', '拥挤'),
    ],
  },
  {
    en: 'road',
    zh: '马路',
    adjs: [
      A('wide', '宽'),
      A('busy', '繁忙'),
      A('long', '长'),
      A('dangerous', '危险'),
      A('muddy', '泥泞'),
    ],
  },
  {
    en: 'river',
    zh: '河',
    adjs: [A('wide', '宽'), A('deep', '深'), A('long', '长'), A('dangerous', '危险')],
  },
  { en: 'field', zh: '田野', adjs: [A('big', '大'), A('muddy', '泥泞'), A('wide', '宽')] },
  { en: 'forest', zh: '森林', adjs: [A('dark', '黑'), A('big', '大'), A('dangerous', '危险')] },
  {
    en: 'bridge',
    zh: '桥',
    adjs: [A('long', '长'), A('narrow', '窄'), A('old', '旧'), A('dangerous', '危险')],
  },
];

/** Reasons that point at the animal; none of them could describe the other noun. */
const ANIMAL_STATES: readonly Phrase[] = [
  A('tired', '累'),
  A('scared', '害怕'),
  A('weak', '虚弱'),
  A('sleepy', '困'),
  A('hungry', '饿'),
  A('lazy', '懒'),
  A('slow', '慢'),
];

const CROSSERS = [
  'animal',
  'dog',
  'cat',
  'horse',
  'cow',
  'sheep',
  'rabbit',
  'fox',
  'deer',
  'bear',
  'chicken',
  'duck',
  'pig',
  'elephant',
  'monkey',
  'tiger',
].map((x) => findNoun(x, ANIMALS));

const CROSS_VERBS: readonly (readonly [string, string])[] = [
  ["didn't cross", '没有穿过'],
  ["couldn't cross", '没能穿过'],
  ["wouldn't cross", '不肯穿过'],
];

function animalNP(r: Rng, n: Noun): NP {
  if (n.ownable && r.chance(0.3)) return buildNP(n, 'poss', { owner: r.pick(PRONOUN_OWNERS) });
  return buildNP(
    n,
    r.weighted([
      ['the', 6],
      ['this', 1],
      ['that', 1],
    ] as const),
  );
}

function result(en: string, zh: string, referent: string): Built {
  return finish(en, zh, false, { pronoun: { referent } });
}

/**
 * "The animal didn't cross the street because it was too tired." → 动物没有穿过街道，因为它太累了。
 * (also the builder of the demo sentence)
 */
export function crossSentence(
  animal: Phrase & { noun: string },
  verb: readonly [string, string],
  way: Obstacle,
  reason: Phrase,
  itIsAnimal: boolean,
): Built {
  const it = itIsAnimal ? '它' : way.zh;
  return result(
    words(animal.en, verb[0], 'the', way.en, 'because it was too', reason.en),
    `${animal.zh}${verb[1]}${way.zh}，因为${it}太${reason.zh}了`,
    itIsAnimal ? animal.noun : way.en,
  );
}

export function findWay(en: string): Obstacle {
  const w = WAYS.find((x) => x.en === en);
  if (!w) throw new Error(`unknown way: ${en}`);
  return w;
}

export const CROSS_VERB_DIDNT = CROSS_VERBS[0]!;

function cross(r: Rng): Built | null {
  const n = r.pick(CROSSERS);
  const np = animalNP(r, n);
  const way = r.pick(WAYS);
  const verb = r.pick(CROSS_VERBS);
  const toAnimal = r.chance(0.5);
  const reason = toAnimal ? r.pick(ANIMAL_STATES) : r.pick(way.adjs);
  return crossSentence({ en: np.en, zh: np.zh, noun: n.en }, verb, way, reason, toAnimal);
}

interface Room extends Obstacle {
  /** Reasons that point at the animal here ("too big" only makes sense for small places). */
  readonly animalAdjs: readonly Phrase[];
}

const SCARED = A('scared', '害怕');
const BIG = A('big', '大');
const FAT = A('fat', '胖');

const PLACES_IN: readonly Room[] = [
  {
    en: 'forest',
    zh: '森林',
    adjs: [A('dark', '黑'), A('cold', '冷'), A('dangerous', '危险')],
    animalAdjs: [SCARED, A('tired', '累')],
  },
  {
    en: 'cave',
    zh: '山洞',
    adjs: [A('dark', '黑'), A('small', '小'), A('cold', '冷')],
    animalAdjs: [SCARED, BIG, FAT],
  },
  {
    en: 'house',
    zh: '房子',
    adjs: [A('dark', '黑'), A('small', '小'), A('noisy', '吵'), A('cold', '冷')],
    animalAdjs: [SCARED, BIG, FAT],
  },
  {
    en: 'room',
    zh: '房间',
    adjs: [A('dark', '黑'), A('small', '小'), A('noisy', '吵'), A('hot', '热')],
    animalAdjs: [SCARED, BIG, FAT],
  },
  {
    en: 'kitchen',
    zh: '厨房',
    adjs: [A('small', '小'), A('noisy', '吵'), A('hot', '热')],
    animalAdjs: [SCARED, BIG],
  },
];

/** "The dog didn't go into the cave because it was too big/small." */
function enter(r: Rng): Built | null {
  const n = r.pick(CROSSERS);
  const np = animalNP(r, n);
  const p = r.pick(PLACES_IN);
  const toAnimal = r.chance(0.5);
  const reason = toAnimal ? r.pick(p.animalAdjs) : r.pick(p.adjs);
  const [vEn, vZh] = r.pick([
    ["didn't go into", '没有进入'],
    ["wouldn't go into", '不肯进入'],
  ] as const);
  return result(
    words(np.en, vEn, 'the', p.en, 'because it was too', reason.en),
    `${np.zh}${vZh}${p.zh}，因为${toAnimal ? '它' : p.zh}太${reason.zh}了`,
    toAnimal ? n.en : p.en,
  );
}

const FOOD_REASONS: Readonly<Record<string, readonly Phrase[]>> = {
  food: [A('hot', '热'), A('salty', '咸'), A('dry', '干')],
  meat: [A('hot', '热'), A('hard', '硬'), A('salty', '咸'), A('dry', '干'), A('big', '大')],
  fish: [A('salty', '咸'), A('big', '大'), A('dry', '干')],
  bread: [A('hard', '硬'), A('dry', '干'), A('big', '大')],
  apple: [A('hard', '硬'), A('big', '大'), A('sour', '酸')],
  carrot: [A('hard', '硬'), A('big', '大'), A('dry', '干')],
  cake: [A('sweet', '甜'), A('dry', '干'), A('big', '大')],
  banana: [A('big', '大'), A('green', '绿')],
  cheese: [A('hard', '硬'), A('salty', '咸')],
};

const FOOD_ZH: Readonly<Record<string, string>> = {
  food: '食物',
  meat: '肉',
  fish: '鱼',
  bread: '面包',
  apple: '苹果',
  carrot: '胡萝卜',
  cake: '蛋糕',
  banana: '香蕉',
  cheese: '奶酪',
};

/** "The cat didn't eat the fish because it was too full/salty." */
function eat(r: Rng): Built | null {
  const n = r.pick(CROSSERS);
  // Only foods this animal would eat at all; "food" suits every animal.
  const foods = ['food', ...(ANIMAL_FOOD[n.en] ?? []).filter((f) => FOOD_REASONS[f])];
  const f = r.pick(foods);
  const fZh = FOOD_ZH[f] ?? f;
  const np = animalNP(r, n);
  const toAnimal = r.chance(0.5);
  const reason = toAnimal
    ? r.pick([A('full', '饱'), A('tired', '累'), A('sleepy', '困')])
    : r.pick(FOOD_REASONS[f] ?? []);
  return result(
    words(np.en, "didn't eat the", f, 'because it was too', reason.en),
    `${np.zh}没有吃${fZh}，因为${toAnimal ? '它' : fZh}太${reason.zh}了`,
    toAnimal ? n.en : f,
  );
}

const ITEMS: readonly (readonly [string, string, number])[] = [
  ['ball', '球', 1],
  ['book', '书', 1],
  ['toy', '玩具', 1],
  ['bottle', '瓶子', 1],
  ['cake', '蛋糕', 1],
  ['camera', '相机', 1],
  ['doll', '娃娃', 1],
  ['coat', '外套', 1],
  ['umbrella', '伞', 1],
  ['box', '盒子', 2],
  ['computer', '电脑', 2],
  ['chair', '椅子', 3],
  ['bike', '自行车', 3],
];

const HOLDERS: readonly (readonly [string, string, number])[] = [
  ['bag', '包', 2],
  ['box', '盒子', 2],
  ['drawer', '抽屉', 2],
  ['suitcase', '行李箱', 2],
  ['basket', '篮子', 2],
  ['pocket', '口袋', 1],
  ['cupboard', '柜子', 3],
  ['car', '车', 4],
];

/** "The ball didn't fit in the bag because it was too big/small." → big: the ball, small: the bag. */
function fit(r: Rng): Built | null {
  const [xEn, xZh, xs] = r.pick(ITEMS);
  const [yEn, yZh, ys] = r.pick(HOLDERS);
  if (xEn === yEn || xs > ys + 1) return null;
  const big = r.chance(0.5);
  const [vEn, tail] = r.pick([
    ["didn't fit in", 'because it was too'],
    ["doesn't fit in", 'because it is too'],
    ["won't fit in", 'because it is too'],
  ] as const);
  return result(
    words('the', xEn, vEn, 'the', yEn, tail, big ? 'big' : 'small'),
    `${xZh}放不进${yZh}里，因为${big ? xZh : yZh}太${big ? '大' : '小'}了`,
    big ? xEn : yEn,
  );
}

const JUMPS: readonly Obstacle[] = [
  { en: 'fence', zh: '栅栏', adjs: [A('high', '高'), A('tall', '高')] },
  { en: 'wall', zh: '墙', adjs: [A('high', '高'), A('tall', '高')] },
  { en: 'river', zh: '河', adjs: [A('wide', '宽')] },
  { en: 'box', zh: '盒子', adjs: [A('high', '高'), A('big', '大')] },
];

/** "The horse couldn't jump over the fence because it was too tired/high." */
function jump(r: Rng): Built | null {
  const n = r.pick(CROSSERS.filter((c) => c.en !== 'elephant'));
  const np = animalNP(r, n);
  const o = r.pick(JUMPS);
  const toAnimal = r.chance(0.5);
  const reason = toAnimal
    ? r.pick([A('tired', '累'), A('old', '老'), A('small', '小'), A('heavy', '重'), A('fat', '胖')])
    : r.pick(o.adjs);
  if (toAnimal && reason.en === 'small' && o.en === 'box') return null;
  return result(
    words(np.en, "couldn't jump over the", o.en, 'because it was too', reason.en),
    `${np.zh}没能跳过${o.zh}，因为${toAnimal ? '它' : o.zh}太${reason.zh}了`,
    toAnimal ? n.en : o.en,
  );
}

export const PRONOUN_FAMILIES: readonly Family[] = [
  { name: 'it/cross', weight: 3, gen: cross },
  { name: 'it/enter', weight: 1.3, gen: enter },
  { name: 'it/eat', weight: 1.2, gen: eat },
  { name: 'it/fit', weight: 1.2, gen: fit },
  { name: 'it/jump', weight: 1, gen: jump },
];
