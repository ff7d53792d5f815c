/**
 * Words whose Chinese depends on context: bank, spring, light, right, bat, date, glass, mouse.
 *
 * Every sentence that contains one of them also contains a cue word from SENSES[word][sense].cues
 * and no cue word of any other sense of that word; generate.ts checks this for every pair. The cue
 * sits before or after the ambiguous word, sometimes several words away, so the sense can only be
 * learnt by looking across the sentence.
 */
import type { Rng } from './rng.ts';
import {
  ANIMALS,
  NAMES,
  PLACES,
  TIME_FUTURE,
  TIME_PAST,
  findNoun,
  type TimePhrase,
} from './lexicon.ts';
import {
  PRONOUN_OWNERS,
  be,
  buildNP,
  doAux,
  finish,
  isThirdSg,
  nameOwner,
  personObj,
  personSubj,
  possOf,
  pronOf,
  randomOwner,
  words,
  type AmbiguityTag,
  type Built,
  type Owner,
  type Phrase,
  type Subj,
} from './phrases.ts';
import type { Family } from './general.ts';

export interface Sense {
  /** Chinese rendering (the usual one; attributive "right answer" is 正确 instead of 对). */
  readonly zh: string;
  /** English words that decide this sense. */
  readonly cues: readonly string[];
}

/** word → sense id → rendering and cue words. Cue sets of one word never overlap. */
export const SENSES: Readonly<Record<string, Readonly<Record<string, Sense>>>> = {
  bank: {
    finance: {
      zh: '银行',
      cues: [
        'money',
        'deposited',
        'deposit',
        'loan',
        'account',
        'borrowed',
        'cash',
        'salary',
        'withdraw',
        'dollars',
      ],
    },
    river: { zh: '河岸', cues: ['river', 'fish', 'fished', 'fishing', 'boat', 'boats', 'ducks'] },
  },
  spring: {
    season: {
      zh: '春天',
      cues: ['flowers', 'winter', 'summer', 'autumn', 'season', 'warm', 'birds', 'trees', 'grass'],
    },
    water: { zh: '泉水', cues: ['water', 'drank', 'drink', 'mountain', 'hill', 'forest'] },
    coil: { zh: '弹簧', cues: ['bed', 'sofa', 'pen', 'toy', 'clock', 'metal', 'machine', 'car'] },
  },
  light: {
    illumination: {
      zh: '光',
      cues: [
        'sun',
        'moon',
        'candle',
        'fire',
        'bright',
        'window',
        'plants',
        'flowers',
        'sky',
        'stars',
      ],
    },
    lamp: { zh: '灯', cues: ['turn', 'turned', 'broken', 'fixed'] },
    weight: { zh: '轻', cues: ['bag', 'box', 'suitcase', 'basket', 'feather', 'heavy', 'carry'] },
  },
  right: {
    direction: {
      zh: '右',
      cues: ['turn', 'turned', 'hand', 'hands', 'foot', 'arm', 'leg', 'ear', 'eye', 'side', 'left'],
    },
    correct: { zh: '对', cues: ['answer', 'wrong', 'guess'] },
  },
  bat: {
    animal: {
      zh: '蝙蝠',
      cues: ['cave', 'caves', 'fly', 'flew', 'flies', 'flying', 'wings', 'insects'],
    },
    sports: { zh: '球棒', cues: ['ball', 'hit', 'baseball', 'swung', 'team'] },
  },
  date: {
    calendar: {
      zh: '日期',
      cues: [
        'wrote',
        'write',
        'calendar',
        'meeting',
        'exam',
        'concert',
        'wedding',
        'ticket',
        'letter',
      ],
    },
    romantic: {
      zh: '约会',
      cues: [
        'went',
        'girlfriend',
        'boyfriend',
        'dinner',
        'movie',
        'first',
        'romantic',
        'restaurant',
      ],
    },
    fruit: {
      zh: '枣',
      cues: ['ate', 'eat', 'eating', 'sweet', 'tree', 'basket', 'market', 'fruit', 'picked'],
    },
  },
  glass: {
    material: { zh: '玻璃', cues: ['window', 'door', 'made'] },
    cup: { zh: '杯', cues: ['water', 'milk', 'juice', 'drank', 'full', 'empty', 'poured'] },
  },
  mouse: {
    animal: { zh: '老鼠', cues: ['cat', 'kitten', 'cats', 'cheese', 'hole', 'ran'] },
    computer: { zh: '鼠标', cues: ['computer', 'clicked', 'keyboard'] },
  },
};

/** Inflected forms of the ambiguous words: any of these in a sentence must be tagged. */
export const AMBIGUOUS_FORMS: Readonly<Record<string, string>> = {
  bank: 'bank',
  spring: 'spring',
  light: 'light',
  right: 'right',
  bat: 'bat',
  bats: 'bat',
  date: 'date',
  dates: 'date',
  glass: 'glass',
  glasses: 'glass',
  mouse: 'mouse',
  mice: 'mouse',
};

function tag(word: string, sense: string, cue: string, chinese?: string): AmbiguityTag {
  const s = SENSES[AMBIGUOUS_FORMS[word] ?? word]?.[sense];
  if (!s) throw new Error(`unknown sense ${word}/${sense}`);
  return { word, sense, chinese: chinese ?? s.zh, cue };
}

function out(en: string, zh: string, tags: readonly AmbiguityTag[], question = false): Built {
  return finish(en, zh, question, { ambiguous: tags });
}

function maybeTime(r: Rng, list: readonly TimePhrase[], p: number): TimePhrase | undefined {
  return r.chance(p) ? r.pick(list) : undefined;
}

function verbFor(s: Subj, base: string, s3: string): string {
  return isThirdSg(s) ? s3 : base;
}

/** "my" / "Tom's" etc., or the subject's own possessive half of the time. */
function ownerFor(r: Rng, s?: Subj): Owner {
  return s && r.chance(0.5) ? possOf(s) : randomOwner(r);
}

function poss(o: Owner): string {
  return `${o.zh}的`;
}

// ---------------------------------------------------------------------------------------------
// bank

interface MoneyPhrase extends Phrase {
  readonly cue: string;
}

function money(r: Rng, s: Subj): MoneyPhrase {
  const o = ownerFor(r, s);
  return r.pick<MoneyPhrase>([
    { en: 'money', zh: '钱', cue: 'money' },
    { en: 'some money', zh: '一些钱', cue: 'money' },
    { en: 'the money', zh: '钱', cue: 'money' },
    { en: `${o.en} money`, zh: `${poss(o)}钱`, cue: 'money' },
    { en: `all ${o.en} money`, zh: `${poss(o)}所有的钱`, cue: 'money' },
    { en: `${o.en} salary`, zh: `${poss(o)}工资`, cue: 'salary' },
    { en: 'the cash', zh: '现金', cue: 'cash' },
    { en: 'fifty dollars', zh: '五十美元', cue: 'dollars' },
    { en: 'a hundred dollars', zh: '一百美元', cue: 'dollars' },
    { en: 'two hundred dollars', zh: '两百美元', cue: 'dollars' },
    { en: 'a thousand dollars', zh: '一千美元', cue: 'dollars' },
  ]);
}

/** "I deposited money in the bank." → 我把钱存进了银行。 (also the demo sentence's builder) */
export function depositSentence(s: Subj, m: Phrase, time?: TimePhrase): Built {
  return out(
    words(s.en, 'deposited', m.en, 'in the bank', time?.en),
    `${s.zh}${time?.zh ?? ''}把${m.zh}存进了银行`,
    [tag('bank', 'finance', 'deposited')],
  );
}

const BANK_PLACES = [
  'school',
  'park',
  'library',
  'hospital',
  'station',
  'market',
  'museum',
  'restaurant',
  'shop',
];

function bankFinance(r: Rng): Built | null {
  const s = personSubj(r);
  const k = r.int(11);
  if (k === 0 || k === 1) return depositSentence(s, money(r, s), maybeTime(r, TIME_PAST, 0.4));
  if (k === 2) {
    const m = money(r, s);
    const t = r.pick(['fut', 'neg', 'q'] as const);
    if (t === 'q') {
      return out(
        words('did', s.en, 'deposit', m.en, 'in the bank'),
        `${s.zh}把${m.zh}存进银行了吗`,
        [tag('bank', 'finance', 'deposit')],
        true,
      );
    }
    const time = t === 'fut' ? maybeTime(r, TIME_FUTURE, 0.4) : undefined;
    return out(
      words(s.en, t === 'fut' ? 'will deposit' : "didn't deposit", m.en, 'in the bank', time?.en),
      `${s.zh}${time?.zh ?? ''}${t === 'fut' ? '会' : '没有'}把${m.zh}存进银行`,
      [tag('bank', 'finance', 'deposit')],
    );
  }
  if (k === 3) {
    const m = money(r, s);
    const dep = r.chance(0.5);
    const time = maybeTime(r, TIME_PAST, 0.4);
    return out(
      words(s.en, 'went to the bank to', dep ? 'deposit' : 'withdraw', m.en, time?.en),
      `${s.zh}${time?.zh ?? ''}去银行${dep ? '存' : '取'}${m.zh}了`,
      [tag('bank', 'finance', dep ? 'deposit' : 'withdraw')],
    );
  }
  if (k === 4) {
    // Borrowing is of an amount, not of "his salary".
    const m = r.pick<Phrase>([
      { en: 'money', zh: '钱' },
      { en: 'some money', zh: '一些钱' },
      { en: 'a lot of money', zh: '很多钱' },
      { en: 'a thousand dollars', zh: '一千美元' },
      { en: 'two hundred dollars', zh: '两百美元' },
    ]);
    const time = maybeTime(r, TIME_PAST, 0.4);
    return out(
      words(s.en, 'borrowed', m.en, 'from the bank', time?.en),
      `${s.zh}${time?.zh ?? ''}从银行借了${m.zh}`,
      [tag('bank', 'finance', 'borrowed')],
    );
  }
  if (k === 5) {
    const o = personObj(r);
    const t = r.pick(['past', 'fut', 'neg'] as const);
    const time = t === 'past' ? maybeTime(r, TIME_PAST, 0.3) : undefined;
    const objEn = o.en;
    const vEn = t === 'past' ? 'gave' : t === 'fut' ? 'will give' : "didn't give";
    const vZh = t === 'past' ? '给了' : t === 'fut' ? '会给' : '没有给';
    return out(
      words('the bank', vEn, objEn, 'a loan', time?.en),
      `银行${time?.zh ?? ''}${vZh}${o.zh}${t === 'neg' ? '' : '一笔'}贷款`,
      [tag('bank', 'finance', 'loan')],
    );
  }
  if (k === 6) {
    const v = r.pick(['has', 'opened', 'neg'] as const);
    if (v === 'neg') {
      return out(
        words(s.en, `${doAux(s)}n't have an account at the bank`),
        `${s.zh}在银行没有账户`,
        [tag('bank', 'finance', 'account')],
      );
    }
    const vEn = v === 'has' ? verbFor(s, 'have', 'has') : 'opened';
    return out(
      words(s.en, vEn, 'an account at the bank'),
      `${s.zh}在银行${v === 'has' ? '有' : '开了'}一个账户`,
      [tag('bank', 'finance', 'account')],
    );
  }
  if (k === 7) {
    const p = pronOf(s);
    const past = r.chance(0.6);
    return out(
      words(
        s.en,
        past ? 'needed' : verbFor(s, 'need', 'needs'),
        'money, so',
        p.en,
        past ? 'went' : 'will go',
        'to the bank',
      ),
      `${s.zh}需要钱，所以${p.zh}${past ? '去了银行' : '会去银行'}`,
      [tag('bank', 'finance', 'money')],
    );
  }
  if (k === 8) {
    const o = ownerFor(r, undefined);
    const safe = r.chance(0.5);
    const own = r.chance(0.7);
    return out(
      words(own ? o.en : 'the', 'money is', safe && 'safe', 'in the bank'),
      `${own ? poss(o) : ''}钱在银行里${safe ? '很安全' : ''}`,
      [tag('bank', 'finance', 'money')],
    );
  }
  if (k === 9) {
    const o = possOf(s);
    const prep = r.pick(['near', 'next to', 'behind', 'in front of'] as const);
    const place = findNoun(r.pick(BANK_PLACES), PLACES);
    const post = { near: '附近', 'next to': '旁边', behind: '后面', 'in front of': '前面' }[prep];
    return out(
      words(
        'the bank where',
        s.en,
        verbFor(s, 'keep', 'keeps'),
        o.en,
        'money is',
        prep,
        'the',
        place.en,
      ),
      `${s.zh}存钱的银行在${place.zh}${post}`,
      [tag('bank', 'finance', 'money')],
    );
  }
  if (r.chance(0.5)) {
    const time = maybeTime(r, TIME_PAST, 0.3);
    const m = money(r, s);
    return out(
      words(s.en, 'took', m.en, 'out of the bank', time?.en),
      `${s.zh}${time?.zh ?? ''}从银行取出了${m.zh}`,
      [tag('bank', 'finance', m.cue)],
    );
  }
  return out(
    words(
      s.en,
      verbFor(s, 'work', 'works'),
      'at the bank and',
      verbFor(s, 'count', 'counts'),
      'money every day',
    ),
    `${s.zh}在银行工作，每天数钱`,
    [tag('bank', 'finance', 'money')],
  );
}

const RIVER_ADJ: readonly Phrase[] = [
  { en: 'green', zh: '绿' },
  { en: 'muddy', zh: '泥泞' },
  { en: 'wet', zh: '湿' },
  { en: 'steep', zh: '陡' },
  { en: 'quiet', zh: '安静' },
  { en: 'beautiful', zh: '漂亮' },
  { en: 'high', zh: '高' },
  { en: 'low', zh: '低' },
];

const RIVER_ADJ_ATTR: readonly Phrase[] = [
  { en: 'big', zh: '大' },
  { en: 'small', zh: '小' },
  { en: 'wide', zh: '宽阔的' },
  { en: 'long', zh: '很长的' },
  { en: 'beautiful', zh: '漂亮的' },
  { en: 'deep', zh: '很深的' },
];

/** "The bank is near the river." → 河岸在河附近。 (demo builder; the adjective is optional) */
export function bankNearRiver(riverAdj?: Phrase): Built {
  return out(
    words('the bank is near the', riverAdj?.en, 'river'),
    `河岸在${riverAdj?.zh ?? ''}河附近`,
    [tag('bank', 'river', 'river')],
  );
}

function bankRiver(r: Rng): Built | null {
  const k = r.int(10);
  const s = personSubj(r);
  if (k === 0) {
    const [vEn, pre, post] = r.pick([
      ['sat on', '坐在', '上'],
      ['stood on', '站在', '上'],
      ['lay on', '躺在', '上'],
      ['walked along', '沿着', '散步'],
      ['ran along', '沿着', '跑步'],
    ] as const);
    const time = maybeTime(r, TIME_PAST, 0.4);
    const compound = r.chance(0.4);
    return out(
      words(s.en, vEn, compound ? 'the river bank' : 'the bank of the river', time?.en),
      `${s.zh}${time?.zh ?? ''}${pre}河岸${post}`,
      [tag('bank', 'river', 'river')],
    );
  }
  if (k === 1) {
    const [vEn, vZh] = r.pick([
      ['sat', '坐'],
      ['stood', '站'],
    ] as const);
    const [aEn, aZh, cue] = r.pick([
      ['fished', '钓鱼', 'fished'],
      ['watched the boats', '看船', 'boats'],
      ['watched the river', '看河', 'river'],
      ['fed the ducks', '喂鸭子', 'ducks'],
    ] as const);
    const time = maybeTime(r, TIME_PAST, 0.3);
    return out(
      words(s.en, vEn, 'on the bank and', aEn, time?.en),
      `${s.zh}${time?.zh ?? ''}${vZh}在河岸上${aZh}`,
      [tag('bank', 'river', cue)],
    );
  }
  if (k === 2) {
    const [bEn, bZh, pl] = r.pick([
      ['the boat', '船', false],
      ['the boats', '船', true],
      ['a small boat', '一条小船', false],
      ['our boat', '我们的船', false],
      ['his boat', '他的船', false],
      ['many boats', '很多船', true],
      ['two boats', '两条船', true],
    ] as const);
    const prep = r.pick([
      ['near', '附近'],
      ['next to', '旁边'],
    ] as const);
    const neg = r.chance(0.2) && !bEn.startsWith('a ') && !bEn.startsWith('many');
    const past = r.chance(0.3);
    const beWord = pl ? (past ? 'were' : 'are') : past ? 'was' : 'is';
    return out(
      words(bEn, beWord, neg && 'not', prep[0], 'the bank'),
      `${bZh}${neg ? '不' : ''}在河岸${prep[1]}`,
      [tag('bank', 'river', pl ? 'boats' : 'boat')],
    );
  }
  if (k === 3) {
    const a = r.pick(RIVER_ADJ);
    const [dEn, dZh] = r.pick([
      ['', '很'],
      ['very', '非常'],
    ] as const);
    const compound = r.chance(0.5);
    const past = r.chance(0.3);
    return out(
      words(compound ? 'the river bank' : 'the bank of the river', past ? 'was' : 'is', dEn, a.en),
      `河岸${dZh}${a.zh}`,
      [tag('bank', 'river', 'river')],
    );
  }
  if (k === 4) {
    const [fEn, fZh] = r.pick([
      ['a fish', '一条鱼'],
      ['a big fish', '一条大鱼'],
      ['two fish', '两条鱼'],
      ['some fish', '一些鱼'],
      ['many fish', '很多鱼'],
      ['three small fish', '三条小鱼'],
    ] as const);
    const [vEn, vZh] = r.pick([
      ['caught', '抓到了'],
      ['saw', '看见了'],
    ] as const);
    const time = maybeTime(r, TIME_PAST, 0.3);
    return out(
      words(s.en, vEn, fEn, 'near the bank', time?.en),
      `${s.zh}${time?.zh ?? ''}在河岸附近${vZh}${fZh}`,
      [tag('bank', 'river', 'fish')],
    );
  }
  if (k === 5) {
    if (r.chance(0.25)) {
      return out(words('the bank is next to the river'), '河岸在河旁边', [
        tag('bank', 'river', 'river'),
      ]);
    }
    return bankNearRiver(r.pick(RIVER_ADJ_ATTR));
  }
  if (k === 6) {
    const [xEn, xZh] = r.pick([
      ['trees', '树'],
      ['flowers', '花'],
      ['ducks', '鸭子'],
      ['many ducks', '很多鸭子'],
      ['some boats', '一些船'],
      ['two old boats', '两条旧船'],
      ['many trees', '很多树'],
      ['some children', '一些孩子'],
    ] as const);
    return out(words('there are', xEn, 'on the bank of the river'), `河岸上有${xZh}`, [
      tag('bank', 'river', 'river'),
    ]);
  }
  if (k === 7) {
    const [fEn, fZh] = r.pick([
      ['love', '爱'],
      ['like', '喜欢'],
    ] as const);
    const neg = r.chance(0.2);
    const vEn = neg ? `${doAux(s)}n't ${fEn}` : verbFor(s, fEn, `${fEn}s`);
    return out(
      words(s.en, vEn, 'fishing on the bank'),
      `${s.zh}${neg ? '不' : ''}${fZh}在河岸上钓鱼`,
      [tag('bank', 'river', 'fishing')],
    );
  }
  if (k === 8) {
    const time = maybeTime(r, TIME_PAST, 0.5);
    return out(
      words(s.en, 'went fishing on the bank', time?.en),
      `${s.zh}${time?.zh ?? ''}去河岸上钓鱼了`,
      [tag('bank', 'river', 'fishing')],
    );
  }
  const p = findNoun(
    r.pick(['dog', 'cat', 'duck', 'horse', 'rabbit', 'fox', 'deer', 'cow', 'sheep']),
    ANIMALS,
  );
  const np = buildNP(p, p.ownable && r.chance(0.5) ? 'poss' : 'the', {
    owner: r.pick(PRONOUN_OWNERS),
  });
  const [vEn, vZh] = r.pick([
    ['ran along', '沿着河岸跑'],
    ['slept on', '在河岸上睡觉'],
    ['sat on', '坐在河岸上'],
    ['is sleeping on', '正在河岸上睡觉'],
  ] as const);
  return out(words(np.en, vEn, 'the river bank'), `${np.zh}${vZh}`, [
    tag('bank', 'river', 'river'),
  ]);
}

// ---------------------------------------------------------------------------------------------
// spring

const SPRING_PLACES = ['park', 'garden', 'farm', 'zoo', 'lake', 'village'];

function springSeason(r: Rng): Built | null {
  const k = r.int(8);
  const s = personSubj(r);
  if (k === 0) {
    const place = findNoun(r.pick(['garden', 'park', 'yard', 'field']), PLACES);
    const c = r.pick<readonly [string, string, string]>([
      ['the flowers are beautiful', '花很漂亮', 'flowers'],
      ['the flowers are very beautiful', '花非常漂亮', 'flowers'],
      ['the birds sing in the trees', '鸟在树上唱歌', 'birds'],
      ['the weather is warm', '天气很暖和', 'warm'],
      ['the weather is very warm', '天气非常暖和', 'warm'],
      ['the trees turn green', '树变绿了', 'trees'],
      ['the grass turns green', '草变绿了', 'grass'],
      [`many flowers grow in the ${place.en}`, `${place.zh}里长出了很多花`, 'flowers'],
      [`the farmers plant flowers in the ${place.en}`, `农民在${place.zh}里种花`, 'flowers'],
      [`we plant trees in the ${place.en}`, `我们在${place.zh}里种树`, 'trees'],
      [
        `the children play in the ${place.en} because it is warm`,
        `孩子们在${place.zh}里玩，因为天气很暖和`,
        'warm',
      ],
    ]);
    return out(`in spring, ${c[0]}`, `春天，${c[1]}`, [tag('spring', 'season', c[2])]);
  }
  if (k === 1) {
    const [fEn, fZh] = r.pick([
      ['like', '喜欢'],
      ['love', '爱'],
    ] as const);
    const [rEn, rZh, cue] = r.pick([
      ['the flowers are beautiful', '花很漂亮', 'flowers'],
      ['the weather is warm', '天气很暖和', 'warm'],
      ['the birds come back', '鸟回来了', 'birds'],
      ['the trees are green', '树很绿', 'trees'],
      ['it is warm', '天气很暖和', 'warm'],
    ] as const);
    return out(
      words(s.en, verbFor(s, fEn, `${fEn}s`), 'spring because', rEn),
      `${s.zh}${fZh}春天，因为${rZh}`,
      [tag('spring', 'season', cue)],
    );
  }
  if (k === 2) {
    const pairs: readonly (readonly [string, string, string])[] = [
      ['spring comes after winter', '春天在冬天之后到来', 'winter'],
      ['summer comes after spring', '夏天在春天之后到来', 'summer'],
      ['spring comes before summer', '春天在夏天之前到来', 'summer'],
      ['winter comes before spring', '冬天在春天之前到来', 'winter'],
      ['spring is warmer than winter', '春天比冬天暖和', 'winter'],
      ['spring is colder than summer', '春天比夏天冷', 'summer'],
      ['spring is warmer than autumn', '春天比秋天暖和', 'autumn'],
      ['is spring warmer than winter', '春天比冬天暖和吗', 'winter'],
    ];
    const [en, zh, cue] = r.pick(pairs);
    return out(en, zh, [tag('spring', 'season', cue)], en.startsWith('is'));
  }
  if (k === 3) {
    const o = r.chance(0.8) ? r.pick(PRONOUN_OWNERS) : nameOwner(r.pick(NAMES));
    const v = r.int(3);
    if (v === 0)
      return out(words('spring is', o.en, 'favorite season'), `春天是${o.zh}最喜欢的季节`, [
        tag('spring', 'season', 'season'),
      ]);
    if (v === 1)
      return out(words(o.en, 'favorite season is spring'), `${o.zh}最喜欢的季节是春天`, [
        tag('spring', 'season', 'season'),
      ]);
    return out(
      words('is spring', o.en, 'favorite season'),
      `春天是${o.zh}最喜欢的季节吗`,
      [tag('spring', 'season', 'season')],
      true,
    );
  }
  if (k === 4) {
    const [xEn, xZh, cue] = r.pick([
      ['the trees', '树', 'trees'],
      ['the grass', '草', 'grass'],
      ['the trees in the park', '公园里的树', 'trees'],
      ['the grass in the garden', '花园里的草', 'grass'],
    ] as const);
    const every = r.chance(0.4);
    const vEn = xEn.startsWith('the trees') ? 'turn' : 'turns';
    return out(
      words(xEn, vEn, 'green', every ? 'every spring' : 'in spring'),
      `${xZh}${every ? '每年春天都' : '在春天'}变绿`,
      [tag('spring', 'season', cue)],
    );
  }
  if (k === 5) {
    const [xEn, xZh] = r.pick([
      ['many birds', '很多鸟'],
      ['the birds', '鸟'],
      ['some birds', '一些鸟'],
    ] as const);
    const every = r.chance(0.4);
    return out(
      words(xEn, 'come back', every ? 'every spring' : 'in spring'),
      `${xZh}${every ? '每年春天都' : '在春天'}回来`,
      [tag('spring', 'season', 'birds')],
    );
  }
  if (k === 6) {
    const place = findNoun(r.pick(SPRING_PLACES), PLACES);
    const [wEn, wZh] = r.pick([
      ['flowers', '花'],
      ['birds', '鸟'],
    ] as const);
    const t = r.pick(['fut', 'past', 'pres'] as const);
    if (t === 'fut') {
      return out(
        words(s.en, 'will go to the', place.en, 'in spring to see the', wEn),
        `${s.zh}会在春天去${place.zh}看${wZh}`,
        [tag('spring', 'season', wEn)],
      );
    }
    if (t === 'past') {
      return out(
        words(s.en, 'went to the', place.en, 'last spring to see the', wEn),
        `${s.zh}去年春天去${place.zh}看${wZh}了`,
        [tag('spring', 'season', wEn)],
      );
    }
    return out(
      words(s.en, verbFor(s, 'go', 'goes'), 'to the', place.en, 'every spring to see the', wEn),
      `${s.zh}每年春天都去${place.zh}看${wZh}`,
      [tag('spring', 'season', wEn)],
    );
  }
  const t = r.pick(['pres', 'past', 'fut'] as const);
  const [oEn, oZh, cue] = r.pick([
    ['flowers', '花', 'flowers'],
    ['trees', '树', 'trees'],
  ] as const);
  if (t === 'pres') {
    return out(
      words(s.en, verbFor(s, 'plant', 'plants'), oEn, 'in spring'),
      `${s.zh}在春天种${oZh}`,
      [tag('spring', 'season', cue)],
    );
  }
  if (t === 'past') {
    return out(words(s.en, 'planted', oEn, 'last spring'), `${s.zh}去年春天种了${oZh}`, [
      tag('spring', 'season', cue),
    ]);
  }
  return out(words(s.en, 'will plant', oEn, 'in spring'), `${s.zh}会在春天种${oZh}`, [
    tag('spring', 'season', cue),
  ]);
}

const WATER_SPOTS: readonly (readonly [string, string, string])[] = [
  ['near the mountain', '山附近', 'mountain'],
  ['on the mountain', '山上', 'mountain'],
  ['on the hill', '小山上', 'hill'],
  ['near the hill', '小山附近', 'hill'],
  ['in the forest', '森林里', 'forest'],
  ['behind the mountain', '山后面', 'mountain'],
];

const WATER_ADJ: readonly Phrase[] = [
  { en: 'clean', zh: '干净' },
  { en: 'clear', zh: '清澈' },
  { en: 'cool', zh: '清凉' },
  { en: 'sweet', zh: '甜' },
];

function springWater(r: Rng): Built | null {
  const k = r.int(7);
  const s = personSubj(r);
  if (k === 0) {
    const t = r.pick(['past', 'fut', 'neg'] as const);
    const time =
      t === 'past'
        ? maybeTime(r, TIME_PAST, 0.4)
        : t === 'fut'
          ? maybeTime(r, TIME_FUTURE, 0.3)
          : undefined;
    const vEn = t === 'past' ? 'drank' : t === 'fut' ? 'will drink' : "didn't drink";
    const vZh = t === 'past' ? '喝了' : t === 'fut' ? '会喝' : '没有喝';
    return out(
      words(s.en, vEn, 'water from the spring', time?.en),
      `${s.zh}${time?.zh ?? ''}${vZh}泉水`,
      [tag('spring', 'water', t === 'past' ? 'drank' : 'drink')],
    );
  }
  if (k === 1) {
    const [pEn, pZh, cue] = r.pick(WATER_SPOTS);
    const a = r.pick(WATER_ADJ);
    const deg = r.pick([
      ['', '很'],
      ['very', '非常'],
    ] as const);
    return out(words('the spring', pEn, 'is', deg[0], a.en), `${pZh}的泉水${deg[1]}${a.zh}`, [
      tag('spring', 'water', cue),
    ]);
  }
  if (k === 2) {
    const [pEn, pZh, cue] = r.pick(WATER_SPOTS);
    const q = r.chance(0.2);
    return q
      ? out(words('is there a spring', pEn), `${pZh}有泉水吗`, [tag('spring', 'water', cue)], true)
      : out(words('there is a spring', pEn), `${pZh}有一处泉水`, [tag('spring', 'water', cue)]);
  }
  if (k === 3) {
    const a = r.pick(WATER_ADJ);
    const deg = r.pick([
      ['', '很'],
      ['very', '非常'],
      ['not', '不'],
    ] as const);
    return out(words('the water from the spring is', deg[0], a.en), `泉水${deg[1]}${a.zh}`, [
      tag('spring', 'water', 'water'),
    ]);
  }
  if (k === 4) {
    const a = findNoun(
      r.pick(['deer', 'horse', 'sheep', 'cow', 'animal', 'fox', 'rabbit']),
      ANIMALS,
    );
    const np = buildNP(a, r.chance(0.5) ? 'thepl' : 'many');
    const [tEn, tZh] = r.pick([
      ['every morning', '每天早上'],
      ['at night', '晚上'],
      ['every day', '每天'],
      ['', ''],
    ] as const);
    return out(words(np.en, 'drink from the spring', tEn), `${np.zh}${tZh}喝泉水`, [
      tag('spring', 'water', 'drink'),
    ]);
  }
  if (k === 5) {
    const o = possOf(s);
    return out(
      words(s.en, 'filled', o.en, 'bottle with water from the spring'),
      `${s.zh}用泉水装满了${o.zh}的瓶子`,
      [tag('spring', 'water', 'water')],
    );
  }
  const [pEn, pZh, cue] = r.pick(WATER_SPOTS);
  const time = maybeTime(r, TIME_PAST, 0.4);
  return out(
    words(s.en, 'found a spring', pEn, time?.en),
    `${s.zh}${time?.zh ?? ''}在${pZh}找到了一处泉水`,
    [tag('spring', 'water', cue)],
  );
}

const COIL_HOSTS: readonly (readonly [string, string])[] = [
  ['pen', '笔'],
  ['toy', '玩具'],
  ['clock', '钟'],
  ['machine', '机器'],
  ['car', '车'],
];

function coilHost(r: Rng, s?: Subj): { en: string; zh: string; cue: string } {
  const [en, zh] = r.pick(COIL_HOSTS);
  if (r.chance(0.5)) return { en: `the ${en}`, zh, cue: en };
  const o = ownerFor(r, s);
  return { en: `${o.en} ${en}`, zh: `${poss(o)}${zh}`, cue: en };
}

function springCoil(r: Rng): Built | null {
  const k = r.int(7);
  const s = personSubj(r);
  if (k === 0) {
    const h = coilHost(r);
    const [aEn, aZh] = r.pick([
      ['broken', '坏了'],
      ['old', '很旧'],
      ['new', '很新'],
      ['small', '很小'],
      ['very small', '非常小'],
    ] as const);
    return out(words('the spring in', h.en, 'is', aEn), `${h.zh}里的弹簧${aZh}`, [
      tag('spring', 'coil', h.cue),
    ]);
  }
  if (k === 1) {
    const h = coilHost(r, s);
    const time = maybeTime(r, TIME_PAST, 0.3);
    const neg = r.chance(0.2);
    return out(
      words(s.en, neg ? "didn't fix" : 'fixed', 'the spring in', h.en, time?.en),
      `${s.zh}${time?.zh ?? ''}${neg ? '没有修好' : '修好了'}${h.zh}里的弹簧`,
      [tag('spring', 'coil', h.cue)],
    );
  }
  if (k === 2) {
    const [en, zh] = r.pick(COIL_HOSTS);
    const o = possOf(s);
    const fut = r.chance(0.3);
    return out(
      words(s.en, fut ? 'will buy' : 'bought', 'a new spring for', o.en, en),
      `${s.zh}${fut ? '会' : ''}为${poss(o)}${zh}买${fut ? '' : '了'}一个新弹簧`,
      [tag('spring', 'coil', en)],
    );
  }
  if (k === 3) {
    const [en, zh] = r.pick(COIL_HOSTS);
    const [aEn, aZh] = r.pick([
      ['a small', '一个小'],
      ['a big', '一个大'],
      ['a metal', '一个金属'],
      ['a', '一个'],
    ] as const);
    return out(words('the', en, 'has', aEn, 'spring inside'), `${zh}里面有${aZh}弹簧`, [
      tag('spring', 'coil', en),
    ]);
  }
  if (k === 4) {
    const h = coilHost(r);
    const [aEn, aZh] = r.pick([
      ['a small', '一个小'],
      ['a metal', '一个金属'],
      ['a', '一个'],
    ] as const);
    return out(words('there is', aEn, 'spring in', h.en), `${h.zh}里有${aZh}弹簧`, [
      tag('spring', 'coil', h.cue),
    ]);
  }
  if (k === 5) {
    if (r.chance(0.5)) {
      const past = r.chance(0.5);
      return out(words('the metal spring', past ? 'was' : 'is', 'broken'), '金属弹簧坏了', [
        tag('spring', 'coil', 'metal'),
      ]);
    }
    const time = maybeTime(r, TIME_PAST, 0.3);
    return out(
      words(s.en, 'broke the metal spring', time?.en),
      `${s.zh}${time?.zh ?? ''}弄坏了金属弹簧`,
      [tag('spring', 'coil', 'metal')],
    );
  }
  const [en, zh] = r.pick([
    ['bed', '床'],
    ['sofa', '沙发'],
  ] as const);
  const own = r.chance(0.5) ? randomOwner(r) : undefined;
  return out(
    words(own ? own.en : 'the', en, 'has a broken spring'),
    `${own ? poss(own) : ''}${zh}有一个坏弹簧`,
    [tag('spring', 'coil', en)],
  );
}

// ---------------------------------------------------------------------------------------------
// light

const ROOMS: readonly (readonly [string, string])[] = [
  ['kitchen', '厨房'],
  ['bedroom', '卧室'],
  ['room', '房间'],
  ['classroom', '教室'],
  ['office', '办公室'],
];

const SOURCES: readonly (readonly [string, string, string])[] = [
  ['the sun', '太阳', 'sun'],
  ['the moon', '月亮', 'moon'],
  ['the candle', '蜡烛', 'candle'],
  ['the fire', '火', 'fire'],
  ['the stars', '星星', 'stars'],
];

function lightIllumination(r: Rng): Built | null {
  const k = r.int(10);
  if (k === 7) {
    const s = personSubj(r);
    const [sEn, sZh, cue] = r.pick(SOURCES);
    const time = maybeTime(r, TIME_PAST, 0.4);
    const [vEn, vZh] = r.pick([
      ['saw', '看见了'],
      ['watched', '看了'],
    ] as const);
    return out(
      words(s.en, vEn, 'the light of', sEn, time?.en),
      `${s.zh}${time?.zh ?? ''}${vZh}${sZh}的光`,
      [tag('light', 'illumination', cue)],
    );
  }
  if (k === 8) {
    const a = findNoun(r.pick(['cat', 'dog', 'kitten', 'puppy', 'rabbit']), ANIMALS);
    const own = a.ownable && r.chance(0.4) ? randomOwner(r) : undefined;
    const np = own ? buildNP(a, 'poss', { owner: own }) : buildNP(a, 'the');
    const past = r.chance(0.4);
    return out(
      words(np.en, past ? 'slept' : 'is sleeping', 'in the light of the sun'),
      `${np.zh}${past ? '' : '正'}在太阳的光里睡觉`,
      [tag('light', 'illumination', 'sun')],
    );
  }
  if (k === 9) {
    const [dEn, dZh] = r.pick([
      ['', '很'],
      ['too', '太'],
      ['very', '非常'],
    ] as const);
    return out(
      words('the light from the window is', dEn, 'bright'),
      `窗户的光${dZh}亮${dEn === 'too' ? '了' : ''}`,
      [tag('light', 'illumination', 'window')],
    );
  }
  if (k === 0) {
    const [sEn, sZh, cue] = r.pick(SOURCES);
    const [aEn, aZh] = r.pick([
      ['bright', '亮'],
      ['warm', '温暖'],
      ['weak', '弱'],
      ['beautiful', '美'],
    ] as const);
    const deg = r.pick([
      ['', '很'],
      ['very', '非常'],
    ] as const);
    const of = r.chance(0.5) ? 'from' : 'of';
    return out(words('the light', of, sEn, 'is', deg[0], aEn), `${sZh}的光${deg[1]}${aZh}`, [
      tag('light', 'illumination', cue),
    ]);
  }
  if (k === 1) {
    const [xEn, xZh, cue] = r.pick([
      ['plants', '植物', 'plants'],
      ['flowers', '花', 'flowers'],
      ['all plants', '所有的植物', 'plants'],
    ] as const);
    const [oEn, oZh] = r.pick([
      ['light and water', '光和水'],
      ['light from the sun', '太阳的光'],
      ['light to grow', '光才能生长'],
      ['water and light', '水和光'],
    ] as const);
    return out(words(xEn, 'need', oEn), `${xZh}需要${oZh}`, [tag('light', 'illumination', cue)]);
  }
  if (k === 2) {
    const past = r.chance(0.5);
    const [tEn, tZh] = r.pick([
      ['', ''],
      ['in the morning', '早上'],
      ['every morning', '每天早上'],
    ] as const);
    const bright = r.chance(0.3);
    return out(
      words(
        'the',
        bright && 'bright',
        'light',
        past ? 'came' : 'comes',
        'in through the window',
        past ? '' : tEn,
      ),
      `${bright ? '明亮的' : ''}光${past ? '' : tZh}从窗户照${past ? '了' : ''}进来`,
      [tag('light', 'illumination', 'window')],
    );
  }
  if (k === 3) {
    const s = personSubj(r);
    const time = maybeTime(r, TIME_PAST, 0.4);
    return out(
      words(s.en, 'saw a bright light in the sky', time?.en),
      `${s.zh}${time?.zh ?? ''}在天空中看见了一道明亮的光`,
      [tag('light', 'illumination', 'bright')],
    );
  }
  if (k === 4) {
    const [rEn, rZh] = r.pick(ROOMS);
    const [sEn, sZh, cue] = r.pick(SOURCES.slice(0, 4));
    const past = r.chance(0.4);
    return out(
      words('the', rEn, past ? 'was' : 'is', 'full of light from', sEn),
      `${rZh}里充满了${sZh}的光`,
      [tag('light', 'illumination', cue)],
    );
  }
  if (k === 5) {
    const s = personSubj(r);
    const [sEn, sZh, cue] = r.pick(SOURCES.slice(1, 4));
    const past = r.chance(0.5);
    const vEn = past ? 'read' : verbFor(s, 'read', 'reads');
    if (!past && !isThirdSg(s)) return null;
    return out(
      words(s.en, vEn, 'a book by the light of', sEn),
      `${s.zh}借着${sZh}的光读${past ? '了' : ''}一本书`,
      [tag('light', 'illumination', cue)],
    );
  }
  const [aEn, aZh] = r.pick([
    ['bright', '明亮的'],
    ['warm', '温暖的'],
  ] as const);
  const s = personSubj(r);
  return out(
    words(s.en, verbFor(s, 'like', 'likes'), 'the', aEn, 'light of the sun'),
    `${s.zh}喜欢太阳${aZh}光`,
    [tag('light', 'illumination', 'sun')],
  );
}

function roomLight(r: Rng): { en: string; zh: string } {
  if (r.chance(0.4)) return { en: 'the light', zh: '灯' };
  const [en, zh] = r.pick(ROOMS);
  return { en: `the light in the ${en}`, zh: `${zh}里的灯` };
}

function lightLamp(r: Rng): Built | null {
  const k = r.int(8);
  const l = roomLight(r);
  const on = r.chance(0.5);
  const onZh = on ? '打开' : '关掉';
  if (k === 0) {
    const please = r.chance(0.5);
    const neg = r.chance(0.2);
    return out(
      words(please && 'please', neg && "don't", 'turn', on ? 'on' : 'off', l.en),
      `${please ? '请' : ''}${neg ? '不要' : ''}${onZh}${l.zh}`,
      [tag('light', 'lamp', 'turn')],
    );
  }
  if (k === 1) {
    const s = personSubj(r);
    const time = maybeTime(r, TIME_PAST, 0.3);
    return out(
      words(s.en, 'turned', on ? 'on' : 'off', l.en, time?.en),
      `${s.zh}${time?.zh ?? ''}${onZh}了${l.zh}`,
      [tag('light', 'lamp', 'turned')],
    );
  }
  if (k === 2) {
    const s = personSubj(r);
    const [aEn, aZh] = r.pick([
      ['went to bed', '去睡觉了'],
      ['went to sleep', '去睡觉了'],
      ['left the room', '离开了房间'],
    ] as const);
    return out(words(s.en, 'turned off the light and', aEn), `${s.zh}关掉了灯，然后${aZh}`, [
      tag('light', 'lamp', 'turned'),
    ]);
  }
  if (k === 3) {
    const s = personSubj(r, 0.6);
    return out(
      words('did', s.en, 'turn', on ? 'on' : 'off', l.en),
      `${s.zh}${onZh}${l.zh}了吗`,
      [tag('light', 'lamp', 'turn')],
      true,
    );
  }
  if (k === 4) {
    const [en, zh] = r.pick(ROOMS);
    const past = r.chance(0.3);
    return out(words('the light in the', en, past ? 'was' : 'is', 'broken'), `${zh}里的灯坏了`, [
      tag('light', 'lamp', 'broken'),
    ]);
  }
  if (k === 5) {
    const s = personSubj(r);
    const time = maybeTime(r, TIME_PAST, 0.3);
    return out(words(s.en, 'fixed', l.en, time?.en), `${s.zh}${time?.zh ?? ''}修好了${l.zh}`, [
      tag('light', 'lamp', 'fixed'),
    ]);
  }
  if (k === 6) {
    const s = personSubj(r);
    const t = r.pick(['forgot', 'neg', 'fut'] as const);
    if (t === 'fut') {
      return out(words(s.en, 'will turn', on ? 'on' : 'off', l.en), `${s.zh}会${onZh}${l.zh}`, [
        tag('light', 'lamp', 'turn'),
      ]);
    }
    return out(
      words(s.en, t === 'forgot' ? 'forgot' : "didn't forget", 'to turn', on ? 'on' : 'off', l.en),
      `${s.zh}${t === 'forgot' ? '忘了' : '没有忘记'}${onZh}${l.zh}`,
      [tag('light', 'lamp', 'turn')],
    );
  }
  return out(words("don't forget to turn off", l.en), `别忘了关掉${l.zh}`, [
    tag('light', 'lamp', 'turn'),
  ]);
}

const LIGHT_THINGS: readonly (readonly [string, string, string])[] = [
  ['bag', '包', '个'],
  ['box', '盒子', '个'],
  ['suitcase', '行李箱', '个'],
  ['basket', '篮子', '个'],
];

function lightWeight(r: Rng): Built | null {
  const k = r.int(6);
  const [xEn, xZh, cl] = r.pick(LIGHT_THINGS);
  const own = r.chance(0.4) ? randomOwner(r) : undefined;
  const det = own
    ? { en: own.en, zh: poss(own) }
    : r.pick([
        { en: 'the', zh: '' },
        { en: 'this', zh: `这${cl}` },
        { en: 'that', zh: `那${cl}` },
      ]);
  const x = { en: words(det.en, xEn), zh: det.zh + xZh };
  if (k === 0 || k === 1) {
    const [dEn, f] = r.pick([
      ['', (a: string) => `很${a}`],
      ['very', (a: string) => `非常${a}`],
      ['too', (a: string) => `太${a}了`],
      ['not', (a: string) => `不${a}`],
    ] as const);
    const past = r.chance(0.25);
    return out(words(x.en, past ? 'was' : 'is', dEn, 'light'), x.zh + f('轻'), [
      tag('light', 'weight', xEn),
    ]);
  }
  if (k === 2) {
    const [yEn, yZh] = r.pick(LIGHT_THINGS.filter(([e]) => e !== xEn));
    const flip = r.chance(0.5);
    return flip
      ? out(words(x.en, 'is heavy, but the', yEn, 'is light'), `${x.zh}很重，但是${yZh}很轻`, [
          tag('light', 'weight', 'heavy'),
        ])
      : out(words(x.en, 'is light, but the', yEn, 'is heavy'), `${x.zh}很轻，但是${yZh}很重`, [
          tag('light', 'weight', xEn),
        ]);
  }
  if (k === 3) {
    const s = personSubj(r);
    const v = r.pick(['bought', 'has', 'wants', 'needs'] as const);
    const vEn = v === 'bought' ? 'bought' : verbFor(s, v === 'has' ? 'have' : v.slice(0, -1), v);
    const vZh = { bought: '买了', has: '有', wants: '想要', needs: '需要' }[v];
    return out(words(s.en, vEn, 'a light', xEn), `${s.zh}${vZh}一${cl}很轻的${xZh}`, [
      tag('light', 'weight', xEn),
    ]);
  }
  if (k === 4) {
    return r.chance(0.5)
      ? out(words(x.en, 'is as light as a feather'), `${x.zh}像羽毛一样轻`, [
          tag('light', 'weight', 'feather'),
        ])
      : out(words('is', x.en, 'light'), `${x.zh}轻吗`, [tag('light', 'weight', xEn)], true);
  }
  const s = personSubj(r, 0.5);
  return out(
    words(s.en, 'can carry the', xEn, 'because it is light'),
    `${s.zh}拿得动${xZh}，因为${xZh}很轻`,
    [tag('light', 'weight', 'carry')],
  );
}

// ---------------------------------------------------------------------------------------------
// right

const TURN_PLACES: readonly (readonly [string, string])[] = [
  ['the corner', '拐角处'],
  ['the school', '学校'],
  ['the park', '公园'],
  ['the hospital', '医院'],
  ['the library', '图书馆'],
  ['the station', '车站'],
  ['the museum', '博物馆'],
  ['the next street', '下一条街'],
];

const BODY: readonly (readonly [string, string])[] = [
  ['hand', '手'],
  ['foot', '脚'],
  ['arm', '胳膊'],
  ['leg', '腿'],
  ['ear', '耳朵'],
  ['eye', '眼睛'],
];

function rightDirection(r: Rng): Built | null {
  const k = r.int(8);
  const s = personSubj(r);
  if (k === 0) {
    const [pEn, pZh] = r.pick(TURN_PLACES);
    const please = r.chance(0.4);
    const neg = r.chance(0.2);
    return out(
      words(please && 'please', neg && "don't", 'turn right at', pEn),
      `${please ? '请' : ''}${neg ? '不要' : ''}在${pZh}右转`,
      [tag('right', 'direction', 'turn')],
    );
  }
  if (k === 1) {
    const [pEn, pZh] = r.pick(TURN_PLACES);
    const fut = r.chance(0.3);
    const time = fut ? undefined : maybeTime(r, TIME_PAST, 0.3);
    return out(
      words(s.en, fut ? 'will turn' : 'turned', 'right at', pEn, time?.en),
      `${s.zh}${time?.zh ?? ''}${fut ? '会' : ''}在${pZh}右转${fut ? '' : '了'}`,
      [tag('right', 'direction', fut ? 'turn' : 'turned')],
    );
  }
  if (k === 2) {
    const o = possOf(s);
    const time = maybeTime(r, TIME_PAST, 0.3);
    return out(
      words(s.en, 'raised', o.en, s.pl ? 'right hands' : 'right hand', time?.en),
      `${s.zh}${time?.zh ?? ''}举起了${o.zh}的右手`,
      [tag('right', 'direction', s.pl ? 'hands' : 'hand')],
    );
  }
  if (k === 3) {
    const o = possOf(s);
    const [bEn, bZh] = r.pick(BODY);
    const time = maybeTime(r, TIME_PAST, 0.4);
    return out(
      words(s.en, 'hurt', o.en, 'right', bEn, time?.en),
      `${s.zh}${time?.zh ?? ''}弄伤了${o.zh}的右${bZh}`,
      [tag('right', 'direction', bEn)],
    );
  }
  if (k === 4) {
    const o = possOf(s);
    const [vEn, vZh] = r.pick([
      ['write', '写字'],
      ['eat', '吃饭'],
      ['draw', '画画'],
    ] as const);
    return out(
      words(s.en, verbFor(s, vEn, `${vEn}s`), 'with', o.en, 'right hand'),
      `${s.zh}用${o.zh}的右手${vZh}`,
      [tag('right', 'direction', 'hand')],
    );
  }
  if (k === 5) {
    const x = findNoun(
      r.pick(['school', 'library', 'shop', 'park', 'hospital', 'restaurant', 'museum', 'station']),
      PLACES,
    );
    const [wEn, wZh] = r.pick([
      ['street', '街道'],
      ['road', '马路'],
    ] as const);
    return out(words('the', x.en, 'is on the right side of the', wEn), `${x.zh}在${wZh}的右边`, [
      tag('right', 'direction', 'side'),
    ]);
  }
  if (k === 6) {
    const pool = ['cat', 'dog', 'rabbit', 'duck', 'horse', 'bird'].map((a) => findNoun(a, ANIMALS));
    const a = r.pick(pool);
    const b = r.pick(pool.filter((x) => x !== a));
    const leftFirst = r.chance(0.5);
    const [e1, z1, e2, z2] = leftFirst
      ? ['left', '左', 'right', '右']
      : ['right', '右', 'left', '左'];
    if (r.chance(0.3)) {
      return out(
        words('is the', a.en, 'on the left or on the right'),
        `${a.zh}在左边还是右边`,
        [tag('right', 'direction', 'left')],
        true,
      );
    }
    return out(
      words('the', a.en, 'is on the', `${e1},`, 'and the', b.en, 'is on the', e2),
      `${a.zh}在${z1}边，${b.zh}在${z2}边`,
      [tag('right', 'direction', 'left')],
    );
  }
  // One body part, one owner: "my right leg", not "our right leg".
  const o = r.chance(0.7) ? r.pick(PRONOUN_OWNERS.slice(0, 4)) : nameOwner(r.pick(NAMES));
  const [bEn, bZh] = r.pick(BODY);
  return out(words(o.en, 'right', bEn, 'hurts'), `${poss(o)}右${bZh}很疼`, [
    tag('right', 'direction', bEn),
  ]);
}

function rightCorrect(r: Rng): Built | null {
  const k = r.int(7);
  const o = randomOwner(r);
  if (k === 0 || k === 1) {
    const [nEn, nZh, cue] = r.chance(0.75)
      ? (['answer', '答案', 'answer'] as const)
      : (['guess', '猜测', 'guess'] as const);
    const past = r.chance(0.3);
    const v = r.int(4);
    if (v === 0)
      return out(
        words(past ? 'was' : 'is', o.en, nEn, 'right'),
        `${poss(o)}${nZh}对吗`,
        [tag('right', 'correct', cue)],
        true,
      );
    if (v === 1)
      return out(words(o.en, nEn, past ? 'was' : 'is', 'not right'), `${poss(o)}${nZh}不对`, [
        tag('right', 'correct', cue),
      ]);
    return out(words(o.en, nEn, past ? 'was' : 'is', 'right'), `${poss(o)}${nZh}是对的`, [
      tag('right', 'correct', cue),
    ]);
  }
  if (k === 2) {
    const s = personSubj(r);
    const [vEn, vZh] = r.pick([
      ['gave', '给出了'],
      ['wrote', '写出了'],
      ['found', '找到了'],
      ['knows', '知道'],
    ] as const);
    const v = vEn === 'knows' ? verbFor(s, 'know', 'knows') : vEn;
    return out(words(s.en, v, 'the right answer'), `${s.zh}${vZh}正确的答案`, [
      tag('right', 'correct', 'answer', '正确'),
    ]);
  }
  if (k === 3) {
    const a = personSubj(r, 0.5);
    const b = personSubj(r, 0.5);
    if (a.en === b.en) return null;
    const past = r.chance(0.6);
    const flip = r.chance(0.5);
    const [x, y] = flip ? ['wrong', 'right'] : ['right', 'wrong'];
    const [xz, yz] = flip ? ['错', '对'] : ['对', '错'];
    return out(
      words(a.en, be(a, past), `${x},`, 'and', b.en, be(b, past), y),
      `${a.zh}是${xz}的，${b.zh}是${yz}的`,
      [tag('right', 'correct', 'wrong')],
    );
  }
  if (k === 4) {
    const s = personSubj(r);
    const [vEn, vZh] = r.pick([
      [verbFor(s, 'think', 'thinks'), '觉得'],
      ['thought', '觉得'],
      [verbFor(s, 'say', 'says'), '说'],
      ['said', '说'],
    ] as const);
    const past = vEn === 'thought' || vEn === 'said';
    return out(
      words(s.en, vEn, 'that', o.en, 'answer', past ? 'was' : 'is', 'right'),
      `${s.zh}${vZh}${poss(o)}答案是对的`,
      [tag('right', 'correct', 'answer')],
    );
  }
  if (k === 5) {
    const neg = r.chance(0.4);
    const q = !neg && r.chance(0.5);
    if (q)
      return out(
        'is this the right answer',
        '这是正确的答案吗',
        [tag('right', 'correct', 'answer', '正确')],
        true,
      );
    const [dEn, dZh] = r.pick([
      ['this', '这'],
      ['that', '那'],
    ] as const);
    return out(
      words(dEn, 'is', neg && 'not', 'the right answer'),
      `${dZh}${neg ? '不' : ''}是正确的答案`,
      [tag('right', 'correct', 'answer', '正确')],
    );
  }
  const s = personSubj(r, 0.6);
  return out(
    words(s.en, be(s), 'right, and', o.en, 'answer is wrong'),
    `${s.zh}是对的，${poss(o)}答案是错的`,
    [tag('right', 'correct', 'wrong')],
  );
}

// ---------------------------------------------------------------------------------------------
// bat

function batAnimal(r: Rng): Built | null {
  const k = r.int(10);
  const [sEn, sZh] = r.pick([
    ['the bat', '蝙蝠'],
    ['a bat', '一只蝙蝠'],
    ['the small bat', '小蝙蝠'],
    ['the black bat', '黑色的蝙蝠'],
  ] as const);
  if (k === 0) {
    const past = r.chance(0.6);
    const into = r.chance(0.5);
    if (past) {
      const time = maybeTime(r, TIME_PAST, 0.3);
      return out(
        words(sEn, 'flew', into ? 'into' : 'out of', 'the cave', time?.en),
        `${sZh}${time?.zh ?? ''}飞${into ? '进' : '出'}了山洞`,
        [tag('bat', 'animal', 'cave')],
      );
    }
    const [tEn, tZh] = r.pick([
      ['at night', '晚上'],
      ['every night', '每天晚上'],
    ] as const);
    const subj = sEn === 'a bat' ? 'the bat' : sEn;
    const subjZh = sEn === 'a bat' ? '蝙蝠' : sZh;
    return out(
      words(subj, 'flies', into ? 'into' : 'out of', 'the cave', tEn),
      `${subjZh}${tZh}飞${into ? '进' : '出'}山洞`,
      [tag('bat', 'animal', 'cave')],
    );
  }
  if (k === 1) {
    return r.chance(0.5)
      ? out('bats sleep in caves during the day', '蝙蝠白天在山洞里睡觉', [
          tag('bats', 'animal', 'caves'),
        ])
      : out('bats sleep during the day and fly at night', '蝙蝠白天睡觉，晚上飞', [
          tag('bats', 'animal', 'fly'),
        ]);
  }
  if (k === 2) {
    const s = personSubj(r);
    const [oEn, oZh, w] = r.pick([
      ['a bat', '一只蝙蝠', 'bat'],
      ['two bats', '两只蝙蝠', 'bats'],
      ['many bats', '很多蝙蝠', 'bats'],
      ['some bats', '一些蝙蝠', 'bats'],
      ['a small bat', '一只小蝙蝠', 'bat'],
    ] as const);
    const time = maybeTime(r, TIME_PAST, 0.4);
    return out(
      words(s.en, 'saw', oEn, 'in the cave', time?.en),
      `${s.zh}${time?.zh ?? ''}在山洞里看见了${oZh}`,
      [tag(w, 'animal', 'cave')],
    );
  }
  if (k === 3) {
    return out(words(sEn, 'opened its wings'), `${sZh}张开了翅膀`, [tag('bat', 'animal', 'wings')]);
  }
  if (k === 4) {
    return r.chance(0.5)
      ? out('bats eat insects at night', '蝙蝠晚上吃虫子', [tag('bats', 'animal', 'insects')])
      : out(words(sEn, 'ate some insects'), `${sZh}吃了一些虫子`, [
          tag('bat', 'animal', 'insects'),
        ]);
  }
  if (k === 5) {
    const [xEn, xZh, w, pl] = r.pick([
      ['a bat', '一只蝙蝠', 'bat', false],
      ['many bats', '很多蝙蝠', 'bats', true],
      ['two bats', '两只蝙蝠', 'bats', true],
      ['some bats', '一些蝙蝠', 'bats', true],
    ] as const);
    const dark = r.chance(0.3);
    return out(
      words('there', pl ? 'are' : 'is', xEn, 'in the', dark && 'dark', 'cave'),
      `${dark ? '黑暗的' : ''}山洞里有${xZh}`,
      [tag(w, 'animal', 'cave')],
    );
  }
  if (k === 6) {
    const [pEn, pZh] = r.pick([
      ['room', '房间'],
      ['kitchen', '厨房'],
      ['house', '房子'],
      ['classroom', '教室'],
    ] as const);
    const time = maybeTime(r, TIME_PAST, 0.5);
    return out(words(sEn, 'flew into the', pEn, time?.en), `${sZh}${time?.zh ?? ''}飞进了${pZh}`, [
      tag('bat', 'animal', 'flew'),
    ]);
  }
  const subj = sEn === 'a bat' ? 'the bat' : sEn;
  const subjZh = sEn === 'a bat' ? '蝙蝠' : sZh;
  if (k === 8) {
    const s = personSubj(r);
    const pl = r.chance(0.5);
    const [aEn, aZh] = r.pick([
      ['afraid of', '害怕'],
      ['scared of', '害怕'],
    ] as const);
    return out(
      words(s.en, be(s, r.chance(0.3)), aEn, 'the', pl ? 'bats' : 'bat', 'in the cave'),
      `${s.zh}${aZh}山洞里的蝙蝠`,
      [tag(pl ? 'bats' : 'bat', 'animal', 'cave')],
    );
  }
  if (k === 9) {
    const [pEn, pZh] = r.pick([
      ['the village', '村子'],
      ['our house', '我们的房子'],
      ['the lake', '湖'],
      ['the farm', '农场'],
      ['the river', '河'],
      ['the school', '学校'],
    ] as const);
    return out(words(sEn, 'lives in the cave near', pEn), `${sZh}住在${pZh}附近的山洞里`, [
      tag('bat', 'animal', 'cave'),
    ]);
  }
  return r.chance(0.5)
    ? out(words(subj, 'flies at night'), `${subjZh}晚上飞`, [tag('bat', 'animal', 'flies')])
    : out(words(subj, 'is flying over the house'), `${subjZh}正在房子上面飞`, [
        tag('bat', 'animal', 'flying'),
      ]);
}

function batSports(r: Rng): Built | null {
  const k = r.int(7);
  const s = personSubj(r);
  if (k === 0) {
    const own = r.chance(0.5) ? possOf(s) : undefined;
    const time = maybeTime(r, TIME_PAST, 0.3);
    return out(
      words(s.en, 'hit the ball with', own ? own.en : 'a', 'bat', time?.en),
      `${s.zh}${time?.zh ?? ''}用${own ? `${own.zh}的` : '一根'}球棒打了球`,
      [tag('bat', 'sports', 'ball')],
    );
  }
  if (k === 1) {
    const t = r.pick(['pres', 'past', 'fut'] as const);
    const vEn = t === 'pres' ? verbFor(s, 'play', 'plays') : t === 'past' ? 'played' : 'will play';
    const zh =
      t === 'pres'
        ? '用一根新球棒打棒球'
        : t === 'past'
          ? '用一根新球棒打了棒球'
          : '会用一根新球棒打棒球';
    return out(words(s.en, vEn, 'baseball with a new bat'), s.zh + zh, [
      tag('bat', 'sports', 'baseball'),
    ]);
  }
  if (k === 2) {
    const fut = r.chance(0.3);
    return out(
      words(s.en, fut ? 'will buy' : 'bought', 'a new bat and a ball'),
      `${s.zh}${fut ? '会买' : '买了'}一根新球棒和一个球`,
      [tag('bat', 'sports', 'ball')],
    );
  }
  if (k === 3) {
    if (r.chance(0.5)) {
      const [pEn, pZh] = r.pick([
        ['next to', '旁边'],
        ['near', '附近'],
      ] as const);
      return out(words('the bat is', pEn, 'the ball'), `球棒在球${pZh}`, [
        tag('bat', 'sports', 'ball'),
      ]);
    }
    const [cEn, cZh] = r.pick([
      ['bag', '包'],
      ['box', '盒子'],
      ['car', '车'],
      ['basket', '篮子'],
    ] as const);
    return out(words('the bat and the ball are in the', cEn), `球棒和球在${cZh}里`, [
      tag('bat', 'sports', 'ball'),
    ]);
  }
  if (k === 4) {
    const [aEn, aZh] = r.pick([
      ['hard', '用力地'],
      ['quickly', '很快地'],
      ['slowly', '慢慢地'],
    ] as const);
    return out(words(s.en, 'swung the bat', aEn), `${s.zh}${aZh}挥动了球棒`, [
      tag('bat', 'sports', 'swung'),
    ]);
  }
  if (k === 5) {
    const o = possOf(s);
    const [pEn, pZh] = r.pick([
      ['park', '公园'],
      ['school', '学校'],
      ['library', '图书馆'],
    ] as const);
    return out(
      words(s.en, 'left', o.en, 'bat and ball at the', pEn),
      `${s.zh}把${o.zh}的球棒和球忘在了${pZh}`,
      [tag('bat', 'sports', 'ball')],
    );
  }
  if (r.chance(0.5)) {
    const [tEn, tZh] = r.pick([
      ['the baseball team', '棒球队'],
      ['our team', '我们的球队'],
      ['their team', '他们的球队'],
      ['the team', '球队'],
    ] as const);
    const [nEn, nZh] = r.pick([
      ['new bats', '新球棒'],
      ['two new bats', '两根新球棒'],
      ['more bats', '更多的球棒'],
    ] as const);
    return out(words(tEn, 'needs', nEn), `${tZh}需要${nZh}`, [
      tag('bats', 'sports', tEn.includes('baseball') ? 'baseball' : 'team'),
    ]);
  }
  return out(words(s.en, 'can hit the ball with this bat'), `${s.zh}能用这根球棒打到球`, [
    tag('bat', 'sports', 'ball'),
  ]);
}

// ---------------------------------------------------------------------------------------------
// date

const EVENTS: readonly (readonly [string, string])[] = [
  ['meeting', '会议'],
  ['exam', '考试'],
  ['concert', '音乐会'],
  ['wedding', '婚礼'],
];

function dateCalendar(r: Rng): Built | null {
  const k = r.int(7);
  const s = personSubj(r);
  const [eEn, eZh] = r.pick(EVENTS);
  if (k === 0) {
    const [pEn, pZh] = r.pick([
      ['paper', '纸'],
      ['letter', '信'],
      ['board', '黑板'],
      ['ticket', '票'],
      ['card', '卡片'],
    ] as const);
    const time = maybeTime(r, TIME_PAST, 0.3);
    return out(
      words(s.en, 'wrote the date on the', pEn, time?.en),
      `${s.zh}${time?.zh ?? ''}把日期写在了${pZh}上`,
      [tag('date', 'calendar', 'wrote')],
    );
  }
  if (k === 1) {
    return out(
      words('what is the date of the', eEn),
      `${eZh}的日期是什么`,
      [tag('date', 'calendar', eEn)],
      true,
    );
  }
  if (k === 2) {
    const past = r.chance(0.3);
    return out(
      words('the date of the', eEn, past ? 'was' : 'is', 'on the calendar'),
      `${eZh}的日期在日历上`,
      [tag('date', 'calendar', 'calendar')],
    );
  }
  if (k === 3) {
    const [pEn, pZh] = r.pick([
      ['paper', '纸'],
      ['board', '黑板'],
      ['card', '卡片'],
    ] as const);
    return out(words('please write the date on the', pEn), `请把日期写在${pZh}上`, [
      tag('date', 'calendar', 'write'),
    ]);
  }
  if (k === 4) {
    const [vEn, vZh] = r.pick([
      ['forgot', '忘记了'],
      ['remembered', '记得'],
      ['changed', '改了'],
      ['knows', '知道'],
    ] as const);
    const v = vEn === 'knows' ? verbFor(s, 'know', 'knows') : vEn;
    return out(words(s.en, v, 'the date of the', eEn), `${s.zh}${vZh}${eZh}的日期`, [
      tag('date', 'calendar', eEn),
    ]);
  }
  if (k === 5) {
    const [pEn, pZh, cue] = r.pick([
      ['letter', '信', 'letter'],
      ['ticket', '票', 'ticket'],
    ] as const);
    const past = r.chance(0.3);
    return out(words('the date on the', pEn, past ? 'was' : 'is', 'wrong'), `${pZh}上的日期错了`, [
      tag('date', 'calendar', cue),
    ]);
  }
  return out(
    words('the', eEn, 'is on the calendar, but', s.en, `${be(s, true)}n't`, 'sure about the date'),
    `${eZh}在日历上，但是${s.zh}不确定日期`,
    [tag('date', 'calendar', 'calendar')],
  );
}

function partnerFor(r: Rng, s: Subj): { en: string; zh: string } {
  const o = possOf(s);
  const girl = s.g === 'm' || (s.g !== 'f' && r.chance(0.5));
  return girl
    ? { en: `${o.en} girlfriend`, zh: `${o.zh}的女朋友` }
    : { en: `${o.en} boyfriend`, zh: `${o.zh}的男朋友` };
}

function dateRomantic(r: Rng): Built | null {
  const k = r.int(6);
  const s = personSubj(r, 0.4);
  if (s.pl) return null;
  if (k === 0) {
    const o = r.chance(0.5) ? partnerFor(r, s) : nameSubjPhrase(r, s);
    const time = maybeTime(r, TIME_PAST, 0.5);
    return out(
      words(s.en, 'went on a date with', o.en, time?.en),
      `${s.zh}${time?.zh ?? ''}和${o.zh}去约会了`,
      [tag('date', 'romantic', 'went')],
    );
  }
  if (k === 1) {
    const p = partnerFor(r, s);
    const [tEn, tZh] = r.pick([
      ['tonight', '今天晚上'],
      ['on Friday', '星期五'],
      ['on Saturday', '星期六'],
      ['tomorrow', '明天'],
    ] as const);
    return out(
      words(s.en, verbFor(s, 'have', 'has'), 'a date with', p.en, tEn),
      `${s.zh}${tZh}和${p.zh}有一个约会`,
      [tag('date', 'romantic', p.en.split(' ')[1] ?? 'girlfriend')],
    );
  }
  if (k === 2) {
    const o = nameSubjPhrase(r, s);
    const [aEn, aZh, cue] = r.pick([
      ['had dinner', '吃了晚饭', 'dinner'],
      ['watched a movie', '看了一场电影', 'movie'],
      ['went to a restaurant', '去了一家餐厅', 'restaurant'],
    ] as const);
    return r.chance(0.5)
      ? out(words('they', aEn, 'on their first date'), `他们在第一次约会时${aZh}`, [
          tag('date', 'romantic', cue),
        ])
      : out(
          words(s.en, 'and', o.en, aEn, 'on their first date'),
          `${s.zh}和${o.zh}在第一次约会时${aZh}`,
          [tag('date', 'romantic', cue)],
        );
  }
  if (k === 3) {
    const o = possOf(s);
    return out(
      words(s.en, be(s, true), 'nervous before', o.en, 'first date'),
      `${s.zh}在${o.zh}的第一次约会前很紧张`,
      [tag('date', 'romantic', 'first')],
    );
  }
  if (k === 4) {
    const p = partnerFor(r, s);
    const [aEn, aZh] = r.pick([
      ['romantic', '浪漫'],
      ['fun', '有趣'],
      ['nice', '愉快'],
    ] as const);
    return out(
      words(possOf(s).en, 'date with', p.en, 'was', aEn),
      `${possOf(s).zh}和${p.zh}的约会很${aZh}`,
      [tag('date', 'romantic', p.en.split(' ')[1] ?? 'girlfriend')],
    );
  }
  const p = partnerFor(r, s);
  const time = maybeTime(r, TIME_FUTURE, 0.5);
  return out(
    words(s.en, 'will go on a date with', p.en, time?.en),
    `${s.zh}${time?.zh ?? ''}会和${p.zh}去约会`,
    [tag('date', 'romantic', p.en.split(' ')[1] ?? 'girlfriend')],
  );
}

/** A person by name who is not the subject. */
function nameSubjPhrase(r: Rng, s: Subj): Phrase {
  const n = r.pick(NAMES.filter((x) => x.en !== s.en));
  return { en: n.en, zh: n.zh };
}

function dateFruit(r: Rng): Built | null {
  const k = r.int(9);
  const s = personSubj(r);
  const [qEn, qZh] = r.pick([
    ['some', '一些'],
    ['two', '两颗'],
    ['three', '三颗'],
    ['many', '很多'],
    ['ten', '十颗'],
  ] as const);
  if (k === 0) {
    const time = maybeTime(r, TIME_PAST, 0.4);
    return out(words(s.en, 'ate', qEn, 'dates', time?.en), `${s.zh}${time?.zh ?? ''}吃了${qZh}枣`, [
      tag('dates', 'fruit', 'ate'),
    ]);
  }
  if (k === 1) {
    return out(words(s.en, 'bought', qEn, 'dates at the market'), `${s.zh}在市场买了${qZh}枣`, [
      tag('dates', 'fruit', 'market'),
    ]);
  }
  if (k === 2) {
    const [dEn, dZh, w] = r.pick([
      ['this date is', '这颗枣', 'date'],
      ['the date is', '枣', 'date'],
      ['the dates are', '枣', 'dates'],
      ['these dates are', '这些枣', 'dates'],
      ['your dates are', '你的枣', 'dates'],
    ] as const);
    const [gEn, g] = r.pick([
      ['', (a: string) => `很${a}`],
      ['very', (a: string) => `非常${a}`],
      ['too', (a: string) => `太${a}了`],
    ] as const);
    return out(words(dEn, gEn, 'sweet'), dZh + g('甜'), [tag(w, 'fruit', 'sweet')]);
  }
  if (k === 3) {
    const [pEn, pZh] = r.pick([
      ['in the garden', '花园里'],
      ['near the house', '房子附近'],
      ['behind the school', '学校后面'],
      ['in our yard', '我们的院子里'],
    ] as const);
    if (r.chance(0.5)) {
      return out(words('there is a date tree', pEn), `${pZh}有一棵枣树`, [
        tag('date', 'fruit', 'tree'),
      ]);
    }
    const [aEn, aZh] = r.pick([
      ['tall', '高'],
      ['old', '老'],
      ['very tall', '非常高'],
    ] as const);
    return out(
      words('the date tree', pEn, 'is', aEn),
      `${pZh}的枣树${aZh.length > 1 ? aZh : `很${aZh}`}`,
      [tag('date', 'fruit', 'tree')],
    );
  }
  if (k === 4) {
    const [xEn, xZh] = r.pick([
      ['many', '很多'],
      ['some', '一些'],
      ['five', '五颗'],
      ['ten', '十颗'],
    ] as const);
    return out(words('there are', xEn, 'dates in the basket'), `篮子里有${xZh}枣`, [
      tag('dates', 'fruit', 'basket'),
    ]);
  }
  if (k === 5) {
    const o = r.chance(0.8) ? r.pick(PRONOUN_OWNERS) : nameOwner(r.pick(NAMES));
    return out(words('dates are', o.en, 'favorite fruit'), `枣是${o.zh}最喜欢的水果`, [
      tag('dates', 'fruit', 'fruit'),
    ]);
  }
  if (k === 6) {
    const time = maybeTime(r, TIME_PAST, 0.3);
    return out(
      words(s.en, 'put the dates in the basket', time?.en),
      `${s.zh}${time?.zh ?? ''}把枣放进了篮子里`,
      [tag('dates', 'fruit', 'basket')],
    );
  }
  if (k === 7) {
    const [fEn, fZh] = r.pick([
      ['like', '喜欢'],
      ['love', '爱'],
    ] as const);
    const neg = r.chance(0.2);
    return out(
      words(s.en, neg ? `${doAux(s)}n't ${fEn}` : verbFor(s, fEn, `${fEn}s`), 'eating dates'),
      `${s.zh}${neg ? '不' : ''}${fZh}吃枣`,
      [tag('dates', 'fruit', 'eating')],
    );
  }
  const time = maybeTime(r, TIME_PAST, 0.4);
  return out(
    words(s.en, 'picked dates from the tree', time?.en),
    `${s.zh}${time?.zh ?? ''}从树上摘了枣`,
    [tag('dates', 'fruit', 'picked')],
  );
}

// ---------------------------------------------------------------------------------------------
// glass

function glassMaterial(r: Rng): Built | null {
  const k = r.int(5);
  const s = personSubj(r);
  const [wEn, wZh] = r.pick([
    ['window', '窗户'],
    ['door', '门'],
  ] as const);
  if (k === 0 || k === 1) {
    const [xEn, xZh] = r.pick([
      ['window', '窗户'],
      ['door', '门'],
      ['table', '桌子'],
      ['bottle', '瓶子'],
      ['bowl', '碗'],
      ['cup', '杯子'],
      ['roof', '屋顶'],
    ] as const);
    const cl = findNoun(xEn).cl;
    const [dEn, dZh] = r.pick([
      ['the', ''],
      ['this', `这${cl}`],
      ['that', `那${cl}`],
      ['our', '我们的'],
    ] as const);
    const neg = r.chance(0.25);
    const past = r.chance(0.2);
    const extra = r.chance(0.25)
      ? r.pick([
          ['and wood', '和木头'],
          ['and metal', '和金属'],
        ] as const)
      : undefined;
    return out(
      words(dEn, xEn, past ? 'was' : 'is', neg && 'not', 'made of glass', extra?.[0]),
      `${dZh}${xZh}${neg ? '不' : ''}是玻璃${extra?.[1] ?? ''}做的`,
      [tag('glass', 'material', 'made')],
    );
  }
  if (k === 2) {
    const past = r.chance(0.4);
    return out(
      words('the glass in the', wEn, past ? 'was' : 'is', 'broken'),
      `${wZh}上的玻璃碎了`,
      [tag('glass', 'material', wEn)],
    );
  }
  if (k === 3) {
    const time = maybeTime(r, TIME_PAST, 0.3);
    return out(
      words(s.en, 'cleaned the glass of the', wEn, time?.en),
      `${s.zh}${time?.zh ?? ''}擦了${wZh}的玻璃`,
      [tag('glass', 'material', wEn)],
    );
  }
  const time = maybeTime(r, TIME_PAST, 0.3);
  const neg = r.chance(0.2);
  return out(
    words(s.en, neg ? "didn't break" : 'broke', 'the glass in the', wEn, time?.en),
    `${s.zh}${time?.zh ?? ''}${neg ? '没有打碎' : '打碎了'}${wZh}上的玻璃`,
    [tag('glass', 'material', wEn)],
  );
}

const DRINK_CUES: readonly (readonly [string, string])[] = [
  ['water', '水'],
  ['milk', '牛奶'],
  ['juice', '果汁'],
];

function glassCup(r: Rng): Built | null {
  const k = r.int(7);
  const s = personSubj(r);
  const [dEn, dZh] = r.pick(DRINK_CUES);
  if (k === 0 || k === 1) {
    const two = r.chance(0.25);
    const time = maybeTime(r, TIME_PAST, 0.4);
    const neg = !two && r.chance(0.15);
    return out(
      words(
        s.en,
        neg ? "didn't drink" : 'drank',
        two ? 'two glasses' : 'a glass',
        'of',
        dEn,
        time?.en,
      ),
      `${s.zh}${time?.zh ?? ''}${neg ? '没有喝' : '喝了'}${two ? '两' : '一'}杯${dZh}`,
      [tag(two ? 'glasses' : 'glass', 'cup', dEn)],
    );
  }
  if (k === 2) {
    const past = r.chance(0.3);
    return out(words('the glass', past ? 'was' : 'is', 'full of', dEn), `杯子里装满了${dZh}`, [
      tag('glass', 'cup', dEn, '杯子'),
    ]);
  }
  if (k === 3) {
    const time = maybeTime(r, TIME_PAST, 0.3);
    return out(
      words(s.en, 'poured', dEn, 'into the glass', time?.en),
      `${s.zh}${time?.zh ?? ''}把${dZh}倒进了杯子里`,
      [tag('glass', 'cup', dEn, '杯子')],
    );
  }
  if (k === 4) {
    return r.chance(0.5)
      ? out(
          words('can I have a glass of', dEn),
          `我可以喝一杯${dZh}吗`,
          [tag('glass', 'cup', dEn)],
          true,
        )
      : out(words('please give me a glass of', dEn), `请给我一杯${dZh}`, [
          tag('glass', 'cup', dEn),
        ]);
  }
  if (k === 5) {
    const [pEn, pZh] = r.pick([
      ['', ''],
      ['on the table', '桌子上的'],
      ['on the desk', '书桌上的'],
      ['in the kitchen', '厨房里的'],
    ] as const);
    const past = r.chance(0.3);
    return out(words('the glass', pEn, past ? 'was' : 'is', 'empty'), `${pZh}杯子是空的`, [
      tag('glass', 'cup', 'empty', '杯子'),
    ]);
  }
  if (r.chance(0.5)) {
    return out(
      words('is there any', dEn, 'in the glass'),
      `杯子里有${dZh}吗`,
      [tag('glass', 'cup', dEn, '杯子')],
      true,
    );
  }
  return out(words(s.en, verbFor(s, 'want', 'wants'), 'a glass of', dEn), `${s.zh}想要一杯${dZh}`, [
    tag('glass', 'cup', dEn),
  ]);
}

// ---------------------------------------------------------------------------------------------
// mouse

/** "the cat", "my lazy cat", "Anna's kitten" … */
function catNP(r: Rng): { en: string; zh: string; cue: string } {
  const n = findNoun(r.chance(0.8) ? 'cat' : 'kitten', ANIMALS);
  const adj = r.chance(0.3)
    ? r.pick<Phrase>([
        { en: 'black', zh: '黑色的' },
        { en: 'white', zh: '白色的' },
        { en: 'lazy', zh: '懒' },
        { en: 'old', zh: '老' },
        { en: 'hungry', zh: '饥饿的' },
      ])
    : undefined;
  const o = r.chance(0.5) ? randomOwner(r) : undefined;
  const head = { en: words(adj?.en, n.en), zh: (adj?.zh ?? '') + n.zh };
  return o
    ? { en: words(o.en, head.en), zh: poss(o) + head.zh, cue: n.en }
    : { en: words('the', head.en), zh: head.zh, cue: n.en };
}

function mouseAnimal(r: Rng): Built | null {
  const k = r.int(8);
  const { en: cEn, zh: cZh, cue } = catNP(r);
  if (k === 6) {
    const [pEn, pZh] = r.pick([
      ['kitchen', '厨房'],
      ['garden', '花园'],
      ['yard', '院子'],
      ['bedroom', '卧室'],
    ] as const);
    const time = maybeTime(r, TIME_PAST, 0.4);
    return out(
      words(cEn, 'caught a mouse in the', pEn, time?.en),
      `${cZh}${time?.zh ?? ''}在${pZh}里抓到了一只老鼠`,
      [tag('mouse', 'animal', cue)],
    );
  }
  if (k === 7) {
    const [mEn, mZh] = r.pick([
      ['the mouse', '老鼠'],
      ['a small mouse', '一只小老鼠'],
      ['the little mouse', '小老鼠'],
    ] as const);
    return r.chance(0.5)
      ? out(words(mEn, 'ran away from', cEn), `${mZh}从${cZh}身边跑开了`, [
          tag('mouse', 'animal', 'ran'),
        ])
      : out(
          words('there is a mouse in the kitchen, but', cEn, 'is sleeping'),
          `厨房里有一只老鼠，但是${cZh}正在睡觉`,
          [tag('mouse', 'animal', cue)],
        );
  }
  if (k === 0 || k === 1) {
    const [vEn, vZh] = r.pick([
      ['caught', '抓到了'],
      ['chased', '追了'],
      ['saw', '看见了'],
    ] as const);
    const [mEn, mZh, w] = r.pick([
      ['a mouse', '一只老鼠', 'mouse'],
      ['the mouse', '老鼠', 'mouse'],
      ['two mice', '两只老鼠', 'mice'],
      ['a small mouse', '一只小老鼠', 'mouse'],
    ] as const);
    const time = maybeTime(r, TIME_PAST, 0.4);
    return out(words(cEn, vEn, mEn, time?.en), `${cZh}${time?.zh ?? ''}${vZh}${mZh}`, [
      tag(w, 'animal', cue),
    ]);
  }
  if (k === 2) {
    const [mEn, mZh] = r.pick([
      ['the mouse', '老鼠'],
      ['a mouse', '一只老鼠'],
      ['the small mouse', '小老鼠'],
    ] as const);
    const own = r.chance(0.5) ? randomOwner(r) : undefined;
    return r.chance(0.7)
      ? out(
          words(mEn, 'ate', own ? own.en : 'the', 'cheese'),
          `${mZh}吃了${own ? poss(own) : ''}奶酪`,
          [tag('mouse', 'animal', 'cheese')],
        )
      : out(
          words(mEn === 'a mouse' ? 'the mouse' : mEn, 'likes cheese'),
          `${mEn === 'a mouse' ? '老鼠' : mZh}喜欢奶酪`,
          [tag('mouse', 'animal', 'cheese')],
        );
  }
  if (k === 3) {
    const [pEn, pZh] = r.pick([
      ['into the hole', '跑进了洞里'],
      ['under the bed', '跑到了床下'],
      ['into the kitchen', '跑进了厨房'],
      ['behind the sofa', '跑到了沙发后面'],
      ['out of the house', '跑出了房子'],
    ] as const);
    const [mEn, mZh] = r.pick([
      ['a mouse', '一只老鼠'],
      ['the mouse', '老鼠'],
      ['a small mouse', '一只小老鼠'],
    ] as const);
    return out(words(mEn, 'ran', pEn), `${mZh}${pZh}`, [tag('mouse', 'animal', 'ran')]);
  }
  if (k === 4) {
    return r.chance(0.5)
      ? out(words('the mouse is afraid of', cEn), `老鼠怕${cZh}`, [tag('mouse', 'animal', cue)])
      : out('mice are afraid of cats', '老鼠怕猫', [tag('mice', 'animal', 'cats')]);
  }
  const past = r.chance(0.5);
  return out(
    words('the mouse', past ? 'hid' : 'is hiding', 'in the hole'),
    `老鼠${past ? '' : '正'}躲在洞里`,
    [tag('mouse', 'animal', 'hole')],
  );
}

function mouseComputer(r: Rng): Built | null {
  const k = r.int(6);
  const s = personSubj(r);
  const o = ownerFor(r, s);
  if (k === 0 || k === 1) {
    const fut = r.chance(0.3);
    return out(
      words(s.en, fut ? 'will buy' : 'bought', 'a new mouse for', o.en, 'computer'),
      `${s.zh}${fut ? '会' : ''}为${poss(o)}电脑买${fut ? '' : '了'}一个新鼠标`,
      [tag('mouse', 'computer', 'computer')],
    );
  }
  if (k === 2) {
    const past = r.chance(0.3);
    return out(
      words('the mouse of', o.en, 'computer', past ? 'was' : 'is', 'broken'),
      `${poss(o)}电脑的鼠标坏了`,
      [tag('mouse', 'computer', 'computer')],
    );
  }
  if (k === 3) {
    const [nEn, nZh] = r.pick([
      ['', ''],
      ['twice', '两下'],
      ['again', '一下'],
    ] as const);
    const time = maybeTime(r, TIME_PAST, 0.2);
    return out(
      words(s.en, 'clicked the mouse', nEn, time?.en),
      `${s.zh}${time?.zh ?? ''}点击了${nZh}鼠标`,
      [tag('mouse', 'computer', 'clicked')],
    );
  }
  if (k === 4) {
    if (r.chance(0.5)) {
      return out('the mouse is next to the keyboard', '鼠标在键盘旁边', [
        tag('mouse', 'computer', 'keyboard'),
      ]);
    }
    const [pEn, pZh] = r.pick([
      ['desk', '书桌'],
      ['table', '桌子'],
    ] as const);
    return out(words('the mouse and the keyboard are on the', pEn), `鼠标和键盘在${pZh}上`, [
      tag('mouse', 'computer', 'keyboard'),
    ]);
  }
  const [aEn, aZh] = r.pick([
    ['new', '很新'],
    ['cheap', '很便宜'],
    ['expensive', '很贵'],
    ['small', '很小'],
  ] as const);
  return out(words('this computer mouse is', aEn), `这个电脑鼠标${aZh}`, [
    tag('mouse', 'computer', 'computer'),
  ]);
}

/** One family per sense; weights roughly equalise the number of pairs per sense. */
export const AMBIGUOUS_FAMILIES: readonly Family[] = [
  { name: 'bank/finance', weight: 1.2, gen: bankFinance },
  { name: 'bank/river', weight: 1.2, gen: bankRiver },
  { name: 'spring/season', weight: 1, gen: springSeason },
  { name: 'spring/water', weight: 1, gen: springWater },
  { name: 'spring/coil', weight: 1, gen: springCoil },
  { name: 'light/illumination', weight: 1, gen: lightIllumination },
  { name: 'light/lamp', weight: 1, gen: lightLamp },
  { name: 'light/weight', weight: 1, gen: lightWeight },
  { name: 'right/direction', weight: 1, gen: rightDirection },
  { name: 'right/correct', weight: 1, gen: rightCorrect },
  { name: 'bat/animal', weight: 1, gen: batAnimal },
  { name: 'bat/sports', weight: 1, gen: batSports },
  { name: 'date/calendar', weight: 1, gen: dateCalendar },
  { name: 'date/romantic', weight: 1, gen: dateRomantic },
  { name: 'date/fruit', weight: 1, gen: dateFruit },
  { name: 'glass/material', weight: 1, gen: glassMaterial },
  { name: 'glass/cup', weight: 1, gen: glassCup },
  { name: 'mouse/animal', weight: 1, gen: mouseAnimal },
  { name: 'mouse/computer', weight: 1, gen: mouseComputer },
];
