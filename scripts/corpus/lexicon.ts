/**
 * The lexicon of the English→Chinese grammar: nouns, adjectives, verbs, names, time phrases.
 *
 * Every entry carries exactly one Chinese rendering (or one per explicit context, such as "old"
 * → 老 for animals and 旧 for things), so the Chinese side stays a deterministic function of the
 * English side. The ambiguous words (bank, spring, light, right, bat, date, glass, mouse) are
 * deliberately absent here: they only occur in the templates of `ambiguous.ts`, which always put
 * a deciding cue word in the sentence.
 */

export type Tag =
  // living things
  | 'animal'
  | 'pet'
  | 'farm'
  | 'wild'
  | 'aquatic'
  | 'flyer'
  | 'catchable'
  | 'rideable'
  | 'climber'
  | 'person'
  | 'adult'
  | 'kid'
  | 'kin'
  // objects
  | 'thing'
  | 'portable'
  | 'container'
  | 'openable'
  | 'washable'
  | 'fixable'
  | 'readable'
  | 'writable'
  | 'drawable'
  | 'toy'
  | 'clothes'
  | 'furniture'
  | 'soft'
  | 'vehicle'
  | 'drivable'
  | 'plant'
  | 'bloom'
  | 'climbable'
  | 'throwable'
  | 'visible'
  // food and drink
  | 'food'
  | 'fruit'
  | 'vegetable'
  | 'sweet'
  | 'perishable'
  | 'cookable'
  | 'makeable'
  | 'drink'
  | 'hotdrink'
  | 'meal'
  // abstract
  | 'language'
  | 'subject'
  | 'song'
  | 'watchable'
  | 'listenable'
  // places
  | 'place'
  | 'room'
  | 'building'
  | 'outdoor'
  | 'water'
  | 'way'
  | 'busyplace'
  | 'visitable'
  | 'dark';

/** Prepositions a noun can be the object of, when it names a location. */
export type Prep = 'on' | 'in' | 'under' | 'near' | 'next to' | 'behind' | 'in front of' | 'at';

export interface Noun {
  readonly en: string;
  /** English plural; equals `en` for sheep/fish/deer, '' for uncountable nouns. */
  readonly pl: string;
  readonly zh: string;
  /** Chinese classifier (个, 只, 本 …); '' for uncountable nouns. */
  readonly cl: string;
  readonly tags: readonly Tag[];
  /** Rough physical size 1..7; keeps "the car is in the box" out of the corpus. */
  readonly size: number;
  /** Largest thing that fits on top of it ("on the table": a cat, not a horse). */
  readonly onMax: number;
  /** Locative suffix for "in the X" (里 by default; 上 for trees and beds, 中 for the sky). */
  readonly inZh: string;
  /** Prepositions this noun accepts as a location. */
  readonly preps: readonly Prep[];
  readonly human: boolean;
  readonly gender?: 'm' | 'f';
  /** Kinship nouns drop 的 after a pronoun (我妈妈, not 我的妈妈), as Chinese does. */
  readonly kin: boolean;
  readonly mass: boolean;
  readonly plOnly: boolean;
  /** Languages and school subjects only go bare: "learn Chinese", never "the Chinese". */
  readonly bare: boolean;
  /** Whether "my X" sounds natural (my room, our city; not "his sky" or "her farmer"). */
  readonly ownable: boolean;
  /** Indoors, outdoors, either, or a building (inside: indoors; next to it: outdoors). */
  readonly zone: Zone;
}

export type Zone = 'in' | 'out' | 'any' | 'building';

const INDOORS = new Set(['door', 'window', 'computer', 'clock', 'shelf', 'floor']);
const OUTDOORS = new Set([
  'tree',
  'bench',
  'bike',
  'mountain',
  'hill',
  'bridge',
  'cave',
  'sky',
  'grass',
  'city',
  'village',
  'roof',
  'wall',
  'flower',
]);

function zoneOf(en: string, tags: readonly Tag[]): Zone {
  if (tags.includes('building')) return 'building';
  if (INDOORS.has(en) || tags.includes('room') || tags.includes('furniture')) {
    return OUTDOORS.has(en) ? 'out' : 'in';
  }
  if (
    OUTDOORS.has(en) ||
    ['outdoor', 'water', 'way', 'wild', 'farm', 'vehicle'].some((t) => tags.includes(t as Tag))
  ) {
    return 'out';
  }
  return 'any';
}

interface NounOpts {
  pl?: string;
  onMax?: number;
  inZh?: string;
  preps?: string;
  gender?: 'm' | 'f';
  mass?: boolean;
  plOnly?: boolean;
  ownable?: boolean;
}

const PREP_CODES: Record<string, readonly Prep[]> = {
  o: ['on'],
  i: ['in'],
  u: ['under'],
  n: ['near', 'next to', 'behind', 'in front of'],
  m: ['near', 'next to'],
  a: ['at'],
};

function plural(en: string): string {
  if (/(s|x|ch|sh)$/.test(en)) return `${en}es`;
  if (/[^aeiou]y$/.test(en)) return `${en.slice(0, -1)}ies`;
  return `${en}s`;
}

function noun(
  en: string,
  zh: string,
  cl: string,
  size: number,
  tags: readonly Tag[],
  o: NounOpts = {},
): Noun {
  const preps: Prep[] = [];
  for (const c of o.preps ?? '') preps.push(...(PREP_CODES[c] ?? []));
  const mass = o.mass ?? false;
  return {
    en,
    pl: mass ? '' : (o.pl ?? plural(en)),
    zh,
    cl,
    tags,
    size,
    onMax: o.onMax ?? size,
    inZh: o.inZh ?? '里',
    preps,
    human: tags.includes('person'),
    ...(o.gender ? { gender: o.gender } : {}),
    kin: tags.includes('kin'),
    mass,
    plOnly: o.plOnly ?? false,
    bare: ['language', 'subject', 'meal'].some((t) => tags.includes(t as Tag)),
    ownable: o.ownable ?? !['person', 'place', 'wild'].some((t) => tags.includes(t as Tag)),
    zone: zoneOf(en, tags),
  };
}

const A: readonly Tag[] = ['animal', 'visible'];
const P: readonly Tag[] = ['person', 'visible'];

export const ANIMALS: readonly Noun[] = [
  noun('dog', '狗', '只', 2, [...A, 'pet', 'aquatic']),
  noun('cat', '猫', '只', 2, [...A, 'pet', 'climber']),
  noun('bird', '鸟', '只', 1, [...A, 'flyer', 'catchable', 'drawable']),
  noun('horse', '马', '匹', 4, [...A, 'farm', 'rideable', 'drawable']),
  noun('cow', '牛', '头', 4, [...A, 'farm']),
  noun('sheep', '羊', '只', 3, [...A, 'farm'], { pl: 'sheep' }),
  noun('pig', '猪', '头', 3, [...A, 'farm']),
  noun('duck', '鸭子', '只', 2, [...A, 'farm', 'aquatic', 'catchable']),
  noun('chicken', '鸡', '只', 2, [...A, 'farm', 'catchable']),
  noun('rabbit', '兔子', '只', 2, [...A, 'pet', 'catchable', 'drawable']),
  noun('fish', '鱼', '条', 1, [...A, 'aquatic', 'catchable', 'drawable'], { pl: 'fish' }),
  noun('frog', '青蛙', '只', 1, [...A, 'aquatic', 'catchable']),
  noun('monkey', '猴子', '只', 2, [...A, 'wild', 'climber']),
  noun('elephant', '大象', '头', 5, [...A, 'wild', 'drawable']),
  noun('tiger', '老虎', '只', 4, [...A, 'wild', 'drawable']),
  noun('lion', '狮子', '头', 4, [...A, 'wild']),
  noun('bear', '熊', '只', 4, [...A, 'wild', 'climber']),
  noun('fox', '狐狸', '只', 2, [...A, 'wild']),
  noun('deer', '鹿', '只', 4, [...A, 'wild'], { pl: 'deer' }),
  noun('turtle', '乌龟', '只', 1, [...A, 'pet', 'aquatic']),
  noun('animal', '动物', '只', 2, [...A]),
  noun('puppy', '小狗', '只', 1, [...A, 'pet']),
  noun('kitten', '小猫', '只', 1, [...A, 'pet']),
];

/** What each animal plausibly eats, so "the rabbit ate the soup" never appears. */
export const ANIMAL_FOOD: Readonly<Record<string, readonly string[]>> = {
  dog: ['meat', 'bread', 'cake'],
  cat: ['fish', 'meat', 'cheese'],
  bird: ['bread', 'rice'],
  horse: ['apple', 'carrot'],
  cow: ['grass'],
  sheep: ['grass'],
  pig: ['apple', 'potato', 'carrot', 'bread'],
  duck: ['bread', 'rice'],
  chicken: ['rice'],
  rabbit: ['carrot', 'grass'],
  monkey: ['banana', 'apple', 'peach'],
  elephant: ['banana', 'grass'],
  tiger: ['meat'],
  lion: ['meat'],
  bear: ['fish', 'meat'],
  fox: ['meat'],
  deer: ['grass'],
  turtle: ['carrot'],
  animal: ['meat', 'grass'],
  puppy: ['meat', 'bread'],
  kitten: ['fish', 'meat'],
};

export const PEOPLE: readonly Noun[] = [
  noun('man', '男人', '个', 3, [...P, 'adult'], { pl: 'men', gender: 'm' }),
  noun('woman', '女人', '个', 3, [...P, 'adult'], { pl: 'women', gender: 'f' }),
  noun('boy', '男孩', '个', 3, [...P, 'kid'], { gender: 'm' }),
  noun('girl', '女孩', '个', 3, [...P, 'kid'], { gender: 'f' }),
  noun('child', '孩子', '个', 3, [...P, 'kid'], { pl: 'children' }),
  noun('student', '学生', '个', 3, [...P, 'kid'], { ownable: true }),
  noun('teacher', '老师', '个', 3, [...P, 'adult'], { ownable: true }),
  noun('doctor', '医生', '个', 3, [...P, 'adult'], { ownable: true }),
  noun('nurse', '护士', '个', 3, [...P, 'adult']),
  noun('farmer', '农民', '个', 3, [...P, 'adult']),
  noun('driver', '司机', '个', 3, [...P, 'adult']),
  noun('chef', '厨师', '个', 3, [...P, 'adult']),
  noun('policeman', '警察', '个', 3, [...P, 'adult'], { pl: 'policemen', gender: 'm' }),
  noun('worker', '工人', '个', 3, [...P, 'adult']),
  noun('singer', '歌手', '个', 3, [...P, 'adult']),
  noun('writer', '作家', '个', 3, [...P, 'adult']),
  noun('friend', '朋友', '个', 3, [...P], { ownable: true }),
  noun('neighbor', '邻居', '个', 3, [...P, 'adult'], { ownable: true }),
  noun('king', '国王', '个', 3, [...P, 'adult'], { gender: 'm' }),
  noun('queen', '王后', '个', 3, [...P, 'adult'], { gender: 'f' }),
];

/** Kinship nouns: only used with a possessor ("my mother" → 我妈妈, "Tom's aunt" → 汤姆的阿姨). */
export const KIN: readonly Noun[] = [
  noun('mother', '妈妈', '个', 3, [...P, 'kin', 'adult'], { gender: 'f' }),
  noun('father', '爸爸', '个', 3, [...P, 'kin', 'adult'], { gender: 'm' }),
  // Chinese must pick older or younger; the grammar always says 哥哥 / 姐姐.
  noun('brother', '哥哥', '个', 3, [...P, 'kin'], { gender: 'm' }),
  noun('sister', '姐姐', '个', 3, [...P, 'kin'], { gender: 'f' }),
  noun('grandmother', '奶奶', '个', 3, [...P, 'kin', 'adult'], { gender: 'f' }),
  noun('grandfather', '爷爷', '个', 3, [...P, 'kin', 'adult'], { gender: 'm' }),
  noun('uncle', '叔叔', '个', 3, [...P, 'kin', 'adult'], { gender: 'm' }),
  noun('aunt', '阿姨', '个', 3, [...P, 'kin', 'adult'], { gender: 'f' }),
  noun('son', '儿子', '个', 3, [...P, 'kin'], { gender: 'm' }),
  noun('daughter', '女儿', '个', 3, [...P, 'kin'], { gender: 'f' }),
];

const T: readonly Tag[] = ['thing', 'visible'];

export const THINGS: readonly Noun[] = [
  noun('book', '书', '本', 1, [...T, 'portable', 'readable', 'openable']),
  noun('pen', '笔', '支', 1, [...T, 'portable']),
  noun('pencil', '铅笔', '支', 1, [...T, 'portable']),
  noun('bag', '包', '个', 2, [...T, 'portable', 'container', 'openable'], { preps: 'in' }),
  noun('box', '盒子', '个', 2, [...T, 'portable', 'container', 'openable'], { preps: 'ionu' }),
  noun('cup', '杯子', '个', 1, [...T, 'washable', 'container']),
  noun('bottle', '瓶子', '个', 1, [...T, 'portable', 'container', 'openable']),
  noun('bowl', '碗', '个', 1, [...T, 'washable']),
  noun('basket', '篮子', '个', 2, [...T, 'portable', 'container'], { preps: 'in' }),
  noun('chair', '椅子', '把', 3, [...T, 'furniture', 'fixable'], { inZh: '上', preps: 'oun' }),
  noun('table', '桌子', '张', 4, [...T, 'furniture'], { onMax: 2, preps: 'oun' }),
  noun('desk', '书桌', '张', 4, [...T, 'furniture'], { onMax: 2, preps: 'oun' }),
  noun('bed', '床', '张', 4, [...T, 'furniture', 'soft'], { onMax: 3, inZh: '上', preps: 'ioun' }),
  noun('sofa', '沙发', '张', 4, [...T, 'furniture', 'soft'], {
    onMax: 3,
    inZh: '上',
    preps: 'oun',
  }),
  noun('bench', '长椅', '张', 4, [...T, 'furniture'], { onMax: 3, preps: 'oun' }),
  noun('mat', '垫子', '张', 3, [...T, 'soft'], { onMax: 3, preps: 'on' }),
  noun('door', '门', '扇', 4, [...T, 'openable', 'fixable'], { preps: 'n' }),
  noun('window', '窗户', '扇', 4, [...T, 'openable', 'washable'], { preps: 'n' }),
  noun('key', '钥匙', '把', 1, [...T, 'portable']),
  noun('phone', '手机', '部', 1, [...T, 'portable', 'fixable']),
  noun('computer', '电脑', '台', 2, [...T, 'fixable'], { preps: 'n' }),
  noun('clock', '钟', '个', 2, [...T, 'fixable']),
  noun('camera', '相机', '台', 1, [...T, 'portable', 'fixable']),
  noun('hat', '帽子', '顶', 1, [...T, 'portable', 'clothes']),
  noun('coat', '外套', '件', 1, [...T, 'clothes', 'washable']),
  noun('shirt', '衬衫', '件', 1, [...T, 'clothes', 'washable']),
  noun('dress', '裙子', '条', 1, [...T, 'clothes', 'washable']),
  noun('umbrella', '伞', '把', 1, [...T, 'portable']),
  noun('ball', '球', '个', 1, [...T, 'portable', 'toy', 'throwable']),
  noun('toy', '玩具', '个', 1, [...T, 'portable', 'toy', 'makeable']),
  noun('kite', '风筝', '个', 1, [...T, 'toy', 'makeable']),
  noun('doll', '娃娃', '个', 1, [...T, 'portable', 'toy']),
  noun('letter', '信', '封', 1, [...T, 'readable', 'writable']),
  noun('newspaper', '报纸', '份', 1, [...T, 'readable']),
  noun('magazine', '杂志', '本', 1, [...T, 'readable']),
  noun('map', '地图', '张', 1, [...T, 'portable', 'readable']),
  noun('picture', '画', '幅', 1, [...T, 'drawable']),
  noun('photo', '照片', '张', 1, [...T, 'portable']),
  noun('stone', '石头', '块', 1, [...T, 'throwable']),
  noun('candle', '蜡烛', '根', 1, [...T, 'portable']),
  noun('flower', '花', '朵', 1, [...T, 'plant', 'bloom', 'drawable']),
  noun('tree', '树', '棵', 5, [...T, 'plant', 'climbable', 'drawable'], {
    inZh: '上',
    preps: 'iun',
  }),
  noun('car', '车', '辆', 4, [...T, 'vehicle', 'drivable', 'fixable', 'washable', 'drawable'], {
    preps: 'iun',
  }),
  noun('bus', '公共汽车', '辆', 5, [...T, 'vehicle', 'drivable']),
  noun('bike', '自行车', '辆', 3, [...T, 'vehicle', 'rideable', 'fixable'], { preps: 'n' }),
  noun('truck', '卡车', '辆', 5, [...T, 'vehicle', 'drivable']),
  noun('boat', '船', '条', 4, [...T, 'vehicle', 'drawable']),
  noun('train', '火车', '列', 5, [...T, 'vehicle']),
  noun('plane', '飞机', '架', 5, [...T, 'vehicle', 'drawable']),
  noun('story', '故事', '个', 1, ['readable', 'writable']),
  noun('poem', '诗', '首', 1, ['readable', 'writable']),
  noun('song', '歌', '首', 1, ['song', 'listenable', 'writable']),
  noun('movie', '电影', '部', 1, ['watchable']),
  noun('game', '比赛', '场', 1, ['watchable']),
  noun('clothes', '衣服', '件', 1, [...T, 'clothes', 'washable'], { pl: 'clothes', plOnly: true }),
];

const F: readonly Tag[] = ['food', 'visible'];

export const FOODS: readonly Noun[] = [
  noun('apple', '苹果', '个', 1, [...F, 'fruit', 'sweet', 'perishable', 'washable']),
  noun('banana', '香蕉', '根', 1, [...F, 'fruit', 'sweet', 'perishable']),
  noun('orange', '橙子', '个', 1, [...F, 'fruit', 'sweet', 'perishable']),
  noun('pear', '梨', '个', 1, [...F, 'fruit', 'sweet', 'perishable', 'washable']),
  noun('peach', '桃子', '个', 1, [...F, 'fruit', 'sweet', 'perishable']),
  noun('strawberry', '草莓', '颗', 1, [...F, 'fruit', 'sweet', 'perishable', 'washable']),
  noun('egg', '鸡蛋', '个', 1, [...F, 'cookable', 'perishable']),
  noun('cake', '蛋糕', '个', 1, [...F, 'sweet', 'makeable', 'soft']),
  noun('cookie', '饼干', '块', 1, [...F, 'sweet', 'makeable']),
  noun('sandwich', '三明治', '个', 1, [...F, 'makeable']),
  noun('carrot', '胡萝卜', '根', 1, [...F, 'vegetable', 'perishable', 'washable']),
  noun('tomato', '西红柿', '个', 1, [...F, 'vegetable', 'perishable', 'washable'], {
    pl: 'tomatoes',
  }),
  noun('potato', '土豆', '个', 1, [...F, 'vegetable', 'cookable'], { pl: 'potatoes' }),
  noun('bread', '面包', '', 1, [...F, 'perishable', 'soft'], { mass: true }),
  noun('rice', '米饭', '', 1, [...F, 'cookable'], { mass: true }),
  noun('meat', '肉', '', 1, [...F, 'cookable', 'perishable'], { mass: true }),
  noun('fish', '鱼', '', 1, [...F, 'cookable', 'perishable'], { mass: true }),
  noun('soup', '汤', '', 1, [...F, 'cookable', 'hotdrink'], { mass: true }),
  noun('noodles', '面条', '', 1, [...F, 'cookable'], { pl: 'noodles', plOnly: true }),
  noun('cheese', '奶酪', '', 1, [...F], { mass: true }),
  noun('chocolate', '巧克力', '', 1, [...F, 'sweet'], { mass: true }),
  noun('candy', '糖', '', 1, [...F, 'sweet'], { mass: true }),
  // Only animals eat grass (see ANIMAL_FOOD); it is also a place to sit on.
  noun('grass', '草', '', 7, [], { onMax: 5, mass: true, preps: 'o', ownable: false }),
];

export const DRINKS: readonly Noun[] = [
  noun('water', '水', '', 1, ['drink', 'hotdrink', 'visible'], { mass: true }),
  noun('milk', '牛奶', '', 1, ['drink', 'hotdrink', 'perishable'], { mass: true }),
  noun('tea', '茶', '', 1, ['drink', 'hotdrink'], { mass: true }),
  noun('coffee', '咖啡', '', 1, ['drink', 'hotdrink'], { mass: true }),
  noun('juice', '果汁', '', 1, ['drink', 'sweet'], { mass: true }),
];

export const MEALS: readonly Noun[] = [
  noun('breakfast', '早饭', '', 1, ['meal'], { mass: true }),
  noun('lunch', '午饭', '', 1, ['meal'], { mass: true }),
  noun('dinner', '晚饭', '', 1, ['meal'], { mass: true }),
];

export const ABSTRACT: readonly Noun[] = [
  noun('English', '英语', '', 1, ['language', 'subject'], { mass: true }),
  noun('Chinese', '中文', '', 1, ['language', 'subject'], { mass: true }),
  noun('French', '法语', '', 1, ['language', 'subject'], { mass: true }),
  noun('Japanese', '日语', '', 1, ['language', 'subject'], { mass: true }),
  noun('math', '数学', '', 1, ['subject'], { mass: true }),
  noun('history', '历史', '', 1, ['subject'], { mass: true }),
  noun('science', '科学', '', 1, ['subject'], { mass: true }),
  noun('music', '音乐', '', 1, ['subject', 'listenable'], { mass: true }),
  noun('money', '钱', '', 1, ['visible'], { mass: true }),
];

const PL: readonly Tag[] = ['place'];

export const PLACES: readonly Noun[] = [
  noun('park', '公园', '个', 7, [...PL, 'outdoor'], { preps: 'ima' }),
  noun('garden', '花园', '个', 7, [...PL, 'outdoor'], { ownable: true, preps: 'in' }),
  noun('yard', '院子', '个', 7, [...PL, 'outdoor'], { ownable: true, preps: 'i' }),
  noun('kitchen', '厨房', '个', 6, [...PL, 'room'], { ownable: true, preps: 'i' }),
  noun('room', '房间', '个', 6, [...PL, 'room', 'dark'], { ownable: true, preps: 'i' }),
  noun('bedroom', '卧室', '个', 6, [...PL, 'room', 'dark'], { ownable: true, preps: 'i' }),
  noun('classroom', '教室', '个', 6, [...PL, 'room'], { ownable: true, preps: 'in' }),
  noun('house', '房子', '座', 6, [...PL, 'building', 'drawable'], { ownable: true, preps: 'in' }),
  noun('school', '学校', '所', 6, [...PL, 'building', 'visitable'], {
    ownable: true,
    preps: 'ina',
  }),
  noun('library', '图书馆', '个', 6, [...PL, 'building', 'visitable'], { preps: 'ina' }),
  noun('hospital', '医院', '家', 6, [...PL, 'building'], { preps: 'ina' }),
  noun('museum', '博物馆', '个', 6, [...PL, 'building', 'visitable'], { preps: 'ina' }),
  noun('office', '办公室', '个', 6, [...PL, 'room'], { ownable: true, preps: 'ia' }),
  noun('shop', '商店', '家', 6, [...PL, 'building'], { preps: 'ina' }),
  noun('restaurant', '餐厅', '家', 6, [...PL, 'building'], { preps: 'ina' }),
  noun('station', '车站', '个', 6, [...PL, 'building', 'busyplace'], { preps: 'ina' }),
  noun('market', '市场', '个', 7, [...PL, 'outdoor', 'busyplace'], { preps: 'ima' }),
  noun('zoo', '动物园', '个', 7, [...PL, 'outdoor', 'visitable'], { preps: 'ima' }),
  noun('farm', '农场', '个', 7, [...PL, 'outdoor', 'visitable'], { ownable: true, preps: 'ima' }),
  noun('city', '城市', '个', 8, [...PL, 'busyplace', 'visitable'], { ownable: true, preps: 'im' }),
  noun('village', '村子', '个', 8, [...PL], { ownable: true, preps: 'im' }),
  noun('forest', '森林', '片', 8, [...PL, 'outdoor', 'dark'], { preps: 'im' }),
  noun('field', '田野', '片', 8, [...PL, 'outdoor'], { preps: 'im' }),
  noun('river', '河', '条', 7, [...PL, 'water', 'way'], { preps: 'im' }),
  noun('lake', '湖', '个', 7, [...PL, 'water'], { preps: 'im' }),
  noun('sea', '海', '片', 8, [...PL, 'water'], { preps: 'im' }),
  noun('beach', '海滩', '片', 7, [...PL, 'outdoor'], { onMax: 5, preps: 'om', inZh: '上' }),
  noun('mountain', '山', '座', 8, [...PL, 'climbable'], { onMax: 5, preps: 'om', inZh: '上' }),
  noun('hill', '小山', '座', 7, [...PL, 'climbable'], { onMax: 5, preps: 'om', inZh: '上' }),
  noun('street', '街道', '条', 7, [...PL, 'way', 'busyplace'], {
    ownable: true,
    onMax: 5,
    preps: 'om',
    inZh: '上',
  }),
  noun('road', '马路', '条', 7, [...PL, 'way', 'busyplace'], { onMax: 5, preps: 'om', inZh: '上' }),
  noun('bridge', '桥', '座', 7, [...PL], { onMax: 5, preps: 'oum', inZh: '上' }),
  noun('cave', '山洞', '个', 7, [...PL, 'dark'], { preps: 'in' }),
  noun('floor', '地板', '', 7, [...PL], { onMax: 4, preps: 'o', mass: true }),
  noun('roof', '屋顶', '个', 6, [...PL], { ownable: true, onMax: 3, preps: 'o', inZh: '上' }),
  noun('wall', '墙', '堵', 6, [...PL, 'climbable'], { onMax: 3, preps: 'n', inZh: '上' }),
  noun('shelf', '架子', '个', 3, [...PL], { ownable: true, onMax: 2, preps: 'o', pl: 'shelves' }),
  noun('sky', '天空', '', 9, [], { preps: 'i', inZh: '中', mass: true }),
];

export const ALL_NOUNS: readonly Noun[] = [
  ...ANIMALS,
  ...PEOPLE,
  ...KIN,
  ...THINGS,
  ...FOODS,
  ...DRINKS,
  ...MEALS,
  ...ABSTRACT,
  ...PLACES,
];

/** First noun with this English form in the given list (throws on typos in templates). */
export function findNoun(en: string, list: readonly Noun[] = ALL_NOUNS): Noun {
  const hit = list.find((x) => x.en === en);
  if (!hit) throw new Error(`unknown noun: ${en}`);
  return hit;
}

export function hasTag(n: Noun, tags: readonly Tag[]): boolean {
  return tags.some((t) => n.tags.includes(t));
}

// ---------------------------------------------------------------------------------------------
// Adjectives

export interface Adj {
  readonly en: string;
  /** Comparative ("bigger"); absent when the grammar does not compare with it. */
  readonly cmp?: string;
  /** Predicative Chinese stem: 大 (→ 很大 / 非常大 / 太大了) or 红色 (→ 是红色的). */
  readonly pred: string;
  /** Attributive Chinese placed before the noun (大, 漂亮的, 很重的); absent: never attributive. */
  readonly attr?: string;
  /** Gradable adjectives take 很/非常/太; colours and "empty" take 是…的. */
  readonly gradable: boolean;
  readonly tags: readonly Tag[];
}

function adj(
  en: string,
  pred: string,
  attr: string | undefined,
  tags: readonly Tag[],
  cmp?: string,
): Adj {
  return {
    en,
    pred,
    ...(attr === undefined ? {} : { attr }),
    gradable: true,
    tags,
    ...(cmp ? { cmp } : {}),
  };
}

function colour(en: string, zh: string, tags: readonly Tag[]): Adj {
  return { en, pred: zh, attr: `${zh}的`, gradable: false, tags };
}

const SIZED: readonly Tag[] = ['animal', 'thing', 'place', 'fruit', 'vehicle'];
const COLOURED: readonly Tag[] = ['portable', 'clothes', 'vehicle', 'toy', 'bloom', 'furniture'];

export const ADJECTIVES: readonly Adj[] = [
  adj('big', '大', '大', SIZED, 'bigger'),
  adj('small', '小', '小', SIZED, 'smaller'),
  // "old" is 老 for living things and 旧 for objects: the noun decides.
  adj('old', '老', '老', ['animal'], 'older'),
  adj('old', '旧', '旧', ['portable', 'vehicle', 'building', 'clothes', 'furniture'], 'older'),
  adj(
    'new',
    '新',
    '新',
    ['portable', 'vehicle', 'building', 'clothes', 'toy', 'furniture'],
    'newer',
  ),
  adj('good', '好', '好', ['readable', 'song', 'watchable', 'adult', 'pet'], 'better'),
  adj('beautiful', '漂亮', '漂亮的', ['plant', 'clothes', 'building', 'outdoor', 'flyer', 'water']),
  adj('happy', '开心', '开心的', ['person', 'pet'], 'happier'),
  adj('sad', '难过', '难过的', ['person']),
  adj('hungry', '饿', '饥饿的', ['person', 'animal'], 'hungrier'),
  adj('tired', '累', '疲惫的', ['person', 'animal']),
  adj('angry', '生气', '生气的', ['person', 'animal']),
  adj('clean', '干净', '干净的', ['room', 'building', 'clothes', 'washable', 'vehicle'], 'cleaner'),
  adj('dirty', '脏', '脏', ['room', 'clothes', 'washable', 'vehicle', 'pet'], 'dirtier'),
  adj('hot', '热', '热', ['hotdrink', 'room'], 'hotter'),
  adj('cold', '冷', undefined, ['room'], 'colder'),
  adj('sweet', '甜', undefined, ['sweet'], 'sweeter'),
  // "delicious" is 好吃 for food and 好喝 for drinks.
  adj('delicious', '好吃', '好吃的', ['food']),
  adj('delicious', '好喝', '好喝的', ['drink']),
  adj('fresh', '新鲜', '新鲜的', ['perishable'], 'fresher'),
  adj('heavy', '重', '很重的', ['portable', 'furniture', 'throwable'], 'heavier'),
  adj('expensive', '贵', '很贵的', ['portable', 'vehicle', 'clothes', 'fixable']),
  adj('cheap', '便宜', '便宜的', ['portable', 'vehicle', 'clothes', 'fixable'], 'cheaper'),
  adj('tall', '高', '很高的', ['person', 'plant'], 'taller'),
  adj('fast', '快', '很快的', ['vehicle', 'animal'], 'faster'),
  adj('slow', '慢', '很慢的', ['vehicle', 'animal'], 'slower'),
  adj('quiet', '安静', '安静的', ['room', 'building', 'outdoor', 'person', 'pet'], 'quieter'),
  adj('noisy', '吵', '吵闹的', ['room', 'kid', 'busyplace'], 'noisier'),
  // "busy" is 忙 for people and 繁忙 for streets and stations.
  adj('busy', '忙', '忙碌的', ['adult'], 'busier'),
  adj('busy', '繁忙', '繁忙的', ['busyplace'], 'busier'),
  adj('smart', '聪明', '聪明的', ['person', 'animal'], 'smarter'),
  adj('kind', '善良', '善良的', ['adult'], 'kinder'),
  adj('friendly', '友好', '友好的', ['person', 'pet'], 'friendlier'),
  adj('lazy', '懒', '懒', ['animal', 'kid'], 'lazier'),
  adj('young', '年轻', '年轻的', ['adult'], 'younger'),
  adj('strong', '强壮', '强壮的', ['person', 'animal'], 'stronger'),
  adj('cute', '可爱', '可爱的', ['pet', 'kid'], 'cuter'),
  adj('brave', '勇敢', '勇敢的', ['person'], 'braver'),
  adj('wide', '宽', '宽阔的', ['way'], 'wider'),
  adj('long', '长', '很长的', ['way', 'readable', 'watchable'], 'longer'),
  adj('deep', '深', '很深的', ['water'], 'deeper'),
  adj('dark', '黑', undefined, ['dark'], 'darker'),
  adj('warm', '暖和', '温暖的', ['room', 'clothes'], 'warmer'),
  adj('interesting', '有趣', '有趣的', ['readable', 'watchable']),
  adj('boring', '无聊', '无聊的', ['readable', 'watchable']),
  adj('famous', '有名', '有名的', ['adult', 'visitable']),
  adj('soft', '软', '软', ['soft'], 'softer'),
  adj('hard', '硬', undefined, ['soft'], 'harder'),
  colour('red', '红色', [...COLOURED, 'fruit']),
  colour('blue', '蓝色', COLOURED),
  colour('green', '绿色', [...COLOURED, 'fruit']),
  colour('yellow', '黄色', [...COLOURED, 'fruit']),
  colour('white', '白色', [...COLOURED, 'pet', 'farm']),
  colour('black', '黑色', [...COLOURED, 'pet', 'farm']),
  colour('brown', '棕色', ['pet', 'farm', 'furniture', 'clothes']),
  { en: 'empty', pred: '空', attr: '空', gradable: false, tags: ['container', 'room'] },
];

/** Adjectives that can describe this noun. */
export function adjsFor(n: Noun): Adj[] {
  return ADJECTIVES.filter((a) => hasTag(n, a.tags));
}

// ---------------------------------------------------------------------------------------------
// Verbs

export type Tense = 'pres' | 'past' | 'fut' | 'prog' | 'can' | 'want';

export interface Verb {
  /** base, 3rd-person singular, past, -ing */
  readonly forms: readonly [string, string, string, string];
  /** Plain Chinese verb (present, future, progressive, 不/能 …). */
  readonly zh: string;
  /** Form after 没有 and in did-questions (看见, 修好); defaults to zh. */
  readonly res: string;
  /** Affirmative past (吃了, 修好了); defaults to res + 了. */
  readonly perf: string;
  readonly obj: readonly Tag[];
  readonly subj: 'person' | 'animate';
  readonly tenses: readonly Tense[];
  /** Stative verbs (like, have, want) accept "a X" in the present: "I have a dog". */
  readonly indefPres: boolean;
  /** Present negation prefix: 不, or 没 for 有 ("I don't have" → 我没有). */
  readonly negPres: string;
  /** Chinese for "can": 会 for learned skills (speak, drive), 能 otherwise. */
  readonly can: string;
  /** Whether the object may be a person or pronoun. */
  readonly persons: boolean;
  /** Where the object goes around the verb; default verb+object. */
  readonly frame?: (obj: string, verb: string) => string;
  /** Place nouns where this action naturally happens ("read a book in the library"). */
  readonly locs: readonly string[];
}

interface VerbOpts {
  res?: string;
  perf?: string;
  subj?: 'person' | 'animate';
  tenses?: readonly Tense[];
  indefPres?: boolean;
  negPres?: string;
  can?: string;
  persons?: boolean;
  frame?: (obj: string, verb: string) => string;
  locs?: readonly string[];
}

const ALL_TENSES: readonly Tense[] = ['pres', 'past', 'fut', 'prog', 'can', 'want'];

function verb(
  forms: readonly [string, string, string, string],
  zh: string,
  obj: readonly Tag[],
  o: VerbOpts = {},
): Verb {
  const res = o.res ?? zh;
  return {
    forms,
    zh,
    res,
    perf: o.perf ?? `${res}了`,
    obj,
    subj: o.subj ?? 'person',
    tenses: o.tenses ?? ALL_TENSES,
    indefPres: o.indefPres ?? false,
    negPres: o.negPres ?? '不',
    can: o.can ?? '能',
    persons: o.persons ?? false,
    ...(o.frame ? { frame: o.frame } : {}),
    locs: o.locs ?? [],
  };
}

const STATIVE: readonly Tense[] = ['pres'];

export const VERBS: readonly Verb[] = [
  verb(['eat', 'eats', 'ate', 'eating'], '吃', ['food'], {
    subj: 'animate',
    locs: ['kitchen', 'garden', 'park', 'restaurant', 'classroom'],
  }),
  verb(['drink', 'drinks', 'drank', 'drinking'], '喝', ['drink'], {
    subj: 'animate',
    locs: ['kitchen', 'restaurant', 'office', 'garden'],
  }),
  verb(['cook', 'cooks', 'cooked', 'cooking'], '做', ['meal', 'cookable'], {
    tenses: ['pres', 'past', 'fut', 'prog', 'can', 'want'],
    locs: ['kitchen', 'restaurant'],
  }),
  verb(['make', 'makes', 'made', 'making'], '做', ['makeable'], {
    locs: ['kitchen', 'classroom'],
  }),
  verb(
    ['buy', 'buys', 'bought', 'buying'],
    '买',
    ['portable', 'toy', 'clothes', 'food', 'drink', 'readable', 'vehicle', 'plant'],
    {
      tenses: ['past', 'fut', 'want', 'pres'],
      locs: ['market', 'shop', 'city', 'village'],
    },
  ),
  verb(
    ['sell', 'sells', 'sold', 'selling'],
    '卖',
    ['portable', 'toy', 'food', 'vehicle', 'plant'],
    {
      tenses: ['pres', 'past', 'fut', 'want'],
      locs: ['market', 'shop', 'village'],
    },
  ),
  verb(['read', 'reads', 'read', 'reading'], '读', ['readable'], {
    locs: ['library', 'bedroom', 'garden', 'park', 'classroom', 'office'],
  }),
  verb(['write', 'writes', 'wrote', 'writing'], '写', ['writable'], {
    locs: ['library', 'bedroom', 'classroom', 'office'],
  }),
  verb(['see', 'sees', 'saw', 'seeing'], '看见', ['visible'], {
    subj: 'animate',
    tenses: ['past', 'fut', 'can'],
    persons: true,
    locs: ['park', 'garden', 'zoo', 'forest', 'city', 'field', 'market', 'street'],
  }),
  verb(['watch', 'watches', 'watched', 'watching'], '看', ['watchable'], {
    tenses: ['pres', 'past', 'fut', 'prog', 'want'],
  }),
  verb(
    ['like', 'likes', 'liked', 'liking'],
    '喜欢',
    ['animal', 'food', 'drink', 'readable', 'song', 'watchable', 'subject'],
    {
      subj: 'animate',
      tenses: STATIVE,
      persons: true,
    },
  ),
  verb(['love', 'loves', 'loved', 'loving'], '爱', ['pet', 'food', 'drink', 'song', 'subject'], {
    tenses: STATIVE,
    persons: true,
  }),
  verb(
    ['want', 'wants', 'wanted', 'wanting'],
    '想要',
    ['portable', 'toy', 'vehicle', 'pet', 'food', 'drink', 'clothes'],
    {
      tenses: STATIVE,
      indefPres: true,
    },
  ),
  verb(
    ['need', 'needs', 'needed', 'needing'],
    '需要',
    ['portable', 'vehicle', 'clothes', 'drink'],
    {
      tenses: STATIVE,
      indefPres: true,
    },
  ),
  verb(['have', 'has', 'had', 'having'], '有', ['pet', 'portable', 'vehicle', 'toy', 'clothes'], {
    tenses: STATIVE,
    indefPres: true,
    negPres: '没',
  }),
  verb(['open', 'opens', 'opened', 'opening'], '打开', ['openable']),
  verb(['close', 'closes', 'closed', 'closing'], '关上', ['openable'], {
    tenses: ['past', 'fut', 'can', 'want'],
  }),
  verb(['wash', 'washes', 'washed', 'washing'], '洗', ['washable', 'clothes'], {
    locs: ['kitchen', 'yard'],
  }),
  verb(['clean', 'cleans', 'cleaned', 'cleaning'], '打扫', ['room']),
  verb(['find', 'finds', 'found', 'finding'], '找到', ['portable', 'pet', 'toy', 'clothes'], {
    tenses: ['past'],
    locs: ['park', 'garden', 'kitchen', 'bedroom', 'classroom', 'street'],
  }),
  verb(['lose', 'loses', 'lost', 'losing'], '丢', ['portable', 'toy'], {
    tenses: ['past'],
    locs: ['park', 'market', 'station', 'city', 'school'],
  }),
  verb(
    ['bring', 'brings', 'brought', 'bringing'],
    '带',
    ['portable', 'food', 'drink', 'toy', 'plant'],
    {
      tenses: ['past', 'fut'],
    },
  ),
  verb(['help', 'helps', 'helped', 'helping'], '帮助', [], { persons: true }),
  verb(['meet', 'meets', 'met', 'meeting'], '遇见', [], {
    tenses: ['past'],
    persons: true,
    locs: ['park', 'market', 'station', 'library', 'street', 'city', 'school'],
  }),
  verb(['visit', 'visits', 'visited', 'visiting'], '参观', ['visitable'], {
    tenses: ['past', 'fut', 'want'],
  }),
  verb(['draw', 'draws', 'drew', 'drawing'], '画', ['drawable'], {
    locs: ['classroom', 'garden', 'park', 'bedroom'],
  }),
  verb(['catch', 'catches', 'caught', 'catching'], '抓到', ['catchable'], {
    subj: 'animate',
    tenses: ['past', 'fut'],
    locs: ['river', 'lake', 'garden', 'forest', 'field'],
  }),
  verb(['chase', 'chases', 'chased', 'chasing'], '追', ['animal'], {
    subj: 'animate',
    tenses: ['past', 'prog'],
    locs: ['garden', 'park', 'yard', 'field', 'forest'],
  }),
  verb(['feed', 'feeds', 'fed', 'feeding'], '喂', ['animal'], {
    locs: ['garden', 'park', 'zoo', 'farm', 'yard'],
  }),
  verb(['kick', 'kicks', 'kicked', 'kicking'], '踢', ['throwable'], {
    tenses: ['past', 'fut'],
    locs: ['garden', 'park', 'yard', 'field'],
  }),
  verb(['throw', 'throws', 'threw', 'throwing'], '扔', ['throwable'], {
    tenses: ['past', 'fut'],
    locs: ['garden', 'park', 'yard', 'river', 'lake'],
  }),
  verb(['fix', 'fixes', 'fixed', 'fixing'], '修', ['fixable'], { res: '修好' }),
  verb(['plant', 'plants', 'planted', 'planting'], '种', ['plant', 'vegetable'], {
    tenses: ['pres', 'past', 'fut', 'want'],
    locs: ['garden', 'park', 'yard', 'field', 'farm'],
  }),
  verb(['sing', 'sings', 'sang', 'singing'], '唱', ['song'], {
    locs: ['classroom', 'park', 'garden', 'restaurant'],
  }),
  verb(['learn', 'learns', 'learned', 'learning'], '学', ['subject'], {
    tenses: ['pres', 'past', 'fut', 'prog', 'want'],
  }),
  verb(['teach', 'teaches', 'taught', 'teaching'], '教', ['subject'], {
    tenses: ['pres', 'past', 'fut'],
  }),
  verb(['speak', 'speaks', 'spoke', 'speaking'], '说', ['language'], {
    tenses: ['pres', 'can'],
    can: '会',
  }),
  verb(['climb', 'climbs', 'climbed', 'climbing'], '爬', ['climbable'], {
    subj: 'animate',
    res: '爬上',
    tenses: ['past', 'fut', 'can', 'want'],
  }),
  verb(['ride', 'rides', 'rode', 'riding'], '骑', ['rideable'], {
    tenses: ['pres', 'past', 'fut', 'can', 'want'],
    can: '会',
  }),
  verb(['drive', 'drives', 'drove', 'driving'], '开', ['drivable'], {
    tenses: ['pres', 'past', 'fut', 'can', 'want'],
    can: '会',
  }),
  // "call X" → 给X打电话: the object moves in front of the verb.
  verb(['call', 'calls', 'called', 'calling'], '打电话', [], {
    perf: '打了电话',
    tenses: ['pres', 'past', 'fut', 'want'],
    persons: true,
    frame: (o, v) => `给${o}${v}`,
  }),
  verb(['invite', 'invites', 'invited', 'inviting'], '邀请', [], {
    tenses: ['past', 'fut', 'want'],
    persons: true,
  }),
  verb(['hug', 'hugs', 'hugged', 'hugging'], '拥抱', ['pet'], {
    tenses: ['past', 'fut', 'want'],
    persons: true,
  }),
  verb(['listen to', 'listens to', 'listened to', 'listening to'], '听', ['listenable'], {
    tenses: ['pres', 'past', 'prog', 'want'],
  }),
  verb(['look for', 'looks for', 'looked for', 'looking for'], '找', ['portable', 'pet', 'toy'], {
    tenses: ['prog'],
    persons: true,
  }),
  verb(['wait for', 'waits for', 'waited for', 'waiting for'], '等', ['drivable'], {
    tenses: ['prog', 'fut'],
    persons: true,
  }),
  verb(['know', 'knows', 'knew', 'knowing'], '认识', [], { tenses: STATIVE, persons: true }),
  verb(['miss', 'misses', 'missed', 'missing'], '想念', ['pet'], {
    tenses: STATIVE,
    persons: true,
  }),
  verb(['study', 'studies', 'studied', 'studying'], '学习', ['subject'], {
    tenses: ['pres', 'past', 'fut', 'prog'],
    locs: ['library', 'classroom', 'bedroom', 'school'],
  }),
  verb(['pick', 'picks', 'picked', 'picking'], '摘', ['fruit', 'plant'], {
    tenses: ['past', 'fut', 'want'],
    locs: ['garden', 'farm', 'field'],
  }),
];

// ---------------------------------------------------------------------------------------------
// People's names, pronouns, possessors, numbers, time phrases

export interface Name {
  readonly en: string;
  readonly zh: string;
  readonly g: 'm' | 'f';
}

export const NAMES: readonly Name[] = [
  { en: 'Tom', zh: '汤姆', g: 'm' },
  { en: 'Anna', zh: '安娜', g: 'f' },
  { en: 'Jack', zh: '杰克', g: 'm' },
  { en: 'Lucy', zh: '露西', g: 'f' },
  { en: 'Sam', zh: '萨姆', g: 'm' },
  { en: 'Mary', zh: '玛丽', g: 'f' },
  { en: 'David', zh: '大卫', g: 'm' },
  { en: 'Emma', zh: '艾玛', g: 'f' },
  { en: 'Peter', zh: '彼得', g: 'm' },
  { en: 'Linda', zh: '琳达', g: 'f' },
  { en: 'Mike', zh: '迈克', g: 'm' },
  { en: 'Lily', zh: '莉莉', g: 'f' },
  { en: 'John', zh: '约翰', g: 'm' },
  { en: 'Kate', zh: '凯特', g: 'f' },
  { en: 'Tim', zh: '蒂姆', g: 'm' },
  { en: 'Amy', zh: '艾米', g: 'f' },
];

export const NUMBERS: readonly (readonly [string, string])[] = [
  ['two', '两'],
  ['three', '三'],
  ['four', '四'],
  ['five', '五'],
];

export interface TimePhrase {
  readonly en: string;
  readonly zh: string;
}

export const TIME_PAST: readonly TimePhrase[] = [
  { en: 'yesterday', zh: '昨天' },
  { en: 'last night', zh: '昨天晚上' },
  { en: 'last week', zh: '上个星期' },
  { en: 'this morning', zh: '今天早上' },
  { en: 'last year', zh: '去年' },
  { en: 'two days ago', zh: '两天前' },
  { en: 'on Sunday', zh: '星期天' },
];

export const TIME_FUTURE: readonly TimePhrase[] = [
  { en: 'tomorrow', zh: '明天' },
  { en: 'tonight', zh: '今天晚上' },
  { en: 'next week', zh: '下个星期' },
  { en: 'next year', zh: '明年' },
  { en: 'this weekend', zh: '这个周末' },
];

export const TIME_HABIT: readonly TimePhrase[] = [
  { en: 'every day', zh: '每天' },
  { en: 'every morning', zh: '每天早上' },
  { en: 'every evening', zh: '每天晚上' },
  { en: 'on weekends', zh: '周末' },
  { en: 'in the morning', zh: '早上' },
  { en: 'at night', zh: '晚上' },
  { en: 'in summer', zh: '夏天' },
  { en: 'in winter', zh: '冬天' },
  { en: 'in autumn', zh: '秋天' },
];

/** Frequency adverbs sit between subject and verb in both languages. */
export const FREQ: readonly TimePhrase[] = [
  { en: 'often', zh: '经常' },
  { en: 'usually', zh: '通常' },
  { en: 'always', zh: '总是' },
  { en: 'sometimes', zh: '有时' },
  { en: 'never', zh: '从不' },
];

/** Manner adverbs: English after the object, Chinese 地-phrase before the verb. */
export const MANNER: readonly TimePhrase[] = [
  { en: 'carefully', zh: '小心地' },
  { en: 'quickly', zh: '很快地' },
  { en: 'slowly', zh: '慢慢地' },
  { en: 'quietly', zh: '安静地' },
  { en: 'happily', zh: '高兴地' },
];
