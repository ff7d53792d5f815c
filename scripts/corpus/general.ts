/**
 * General sentence templates: SVO with tense and negation, questions, adjectives, locations,
 * "there is", possession, comparison, "because"/"but" clauses, imperatives, "I love eating X",
 * "The X sat on the Y" … None of them uses an ambiguous word (see ambiguous.ts for those).
 *
 * Chinese rules kept uniform so a tiny model can learn them:
 *  - the → nothing; a → 一+classifier (dropped under negation and in yes/no questions);
 *  - time phrases go right after the subject (我昨天…), frequency adverbs too (我经常…);
 *  - past → 了 after the verb, didn't → 没有, will → 会, -ing → 正在, can → 能/会;
 *  - "in/on/under the Y" → 在Y里/上/下, placed before the verb (在公园里玩),
 *    except posture verbs, which take it after (坐在垫子上).
 */
import type { Rng } from './rng.ts';
import {
  ABSTRACT,
  ADJECTIVES,
  ALL_NOUNS,
  ANIMALS,
  ANIMAL_FOOD,
  DRINKS,
  FOODS,
  FREQ,
  MANNER,
  MEALS,
  NAMES,
  PLACES,
  THINGS,
  TIME_FUTURE,
  TIME_HABIT,
  TIME_PAST,
  VERBS,
  adjsFor,
  findNoun,
  hasTag,
  type Adj,
  type Noun,
  type Prep,
  type Tag,
  type Tense,
  type TimePhrase,
  type Verb,
} from './lexicon.ts';
import {
  PRONOUN_OWNERS,
  animalSubj,
  be,
  buildNP,
  doAux,
  finish,
  fitsAt,
  frameZh,
  isThirdSg,
  locZh,
  nameSubj,
  npFor,
  personObj,
  personSubj,
  possOf,
  pronOf,
  questionVp,
  randomOwner,
  vpEn,
  vpZh,
  words,
  type Built,
  type NP,
  type Phrase,
  type Subj,
} from './phrases.ts';

export interface Family {
  readonly name: string;
  /** Relative sampling weight. */
  readonly weight: number;
  /** One random sentence pair, or null when the random choices do not fit together. */
  readonly gen: (r: Rng) => Built | null;
}

const EMPTY: Phrase = { en: '', zh: '' };

/** Coarse kind, so comparisons and contrasts stay within one kind ("the tiger … the fox"). */
function group(n: Noun): string {
  if (n.human) return 'person';
  if (n.tags.includes('animal')) return 'animal';
  if (n.tags.includes('vehicle')) return 'vehicle';
  if (n.tags.includes('food') || n.tags.includes('drink')) return 'food';
  if (n.tags.includes('place')) return 'place';
  if (n.tags.includes('furniture')) return 'furniture';
  if (n.tags.includes('clothes')) return 'clothes';
  return 'thing';
}

function nounsWith(tags: readonly Tag[], pool: readonly Noun[] = ALL_NOUNS): Noun[] {
  return pool.filter((n) => hasTag(n, tags) && !n.kin && !n.human);
}

/** A time phrase that suits the tense (or none). */
function timeFor(r: Rng, t: Tense, p: number): TimePhrase | undefined {
  if (!r.chance(p)) return undefined;
  if (t === 'past') return r.pick(TIME_PAST);
  if (t === 'fut') return r.pick(TIME_FUTURE);
  if (t === 'pres') return r.pick(TIME_HABIT);
  if (t === 'prog') return { en: 'now', zh: '现在' };
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Objects

const MEASURES: readonly { en: string; zh: string; items: readonly string[] }[] = [
  { en: 'cup', zh: '杯', items: ['tea', 'coffee', 'water', 'milk'] },
  { en: 'bottle', zh: '瓶', items: ['water', 'milk', 'juice'] },
  { en: 'bowl', zh: '碗', items: ['rice', 'soup', 'noodles'] },
  { en: 'piece', zh: '块', items: ['cake', 'bread', 'chocolate'] },
];

/** "a cup of tea" → 一杯茶 (茶 under negation). */
function measurePhrase(r: Rng, verbBase: string): { en: string; zh: string; zhNeg: string } | null {
  const options = MEASURES.filter((m) =>
    m.items.some((i) => (verbBase === 'drink') === DRINKS.some((d) => d.en === i)),
  );
  if (options.length === 0) return null;
  const m = r.pick(options);
  const items = m.items.filter((i) => (verbBase === 'drink') === DRINKS.some((d) => d.en === i));
  const item = findNoun(r.pick(items), [...DRINKS, ...FOODS]);
  const [numEn, numZh] = r.chance(0.7)
    ? ['a', '一']
    : r.pick([
        ['two', '两'],
        ['three', '三'],
      ]);
  const unit = numEn === 'a' ? m.en : `${m.en}s`;
  return {
    en: `${numEn} ${unit} of ${item.en}`,
    zh: `${numZh}${m.zh}${item.zh}`,
    zhNeg: numEn === 'a' ? item.zh : `${numZh}${m.zh}${item.zh}`,
  };
}

interface Obj {
  readonly en: string;
  readonly zh: string;
  readonly zhNeg: string;
  readonly noun?: Noun;
}

function fromNP(np: NP): Obj {
  return { en: np.en, zh: np.zh, zhNeg: np.zhNeg, noun: np.noun };
}

/** An object that suits verb, tense and subject, or null. */
function objectFor(r: Rng, v: Verb, t: Tense, s: Subj): Obj | null {
  const base = v.forms[0];
  const role = t === 'pres' && !v.indefPres ? 'objPres' : 'obj';
  if (s.kind === 'animal') {
    const me = s.noun;
    if (!me) return null;
    let pool: Noun[] = [];
    if (base === 'eat' || base === 'like') {
      pool = (ANIMAL_FOOD[me.en] ?? []).map((f) => findNoun(f, [...FOODS]));
    } else if (base === 'drink') pool = [findNoun('water', DRINKS), findNoun('milk', DRINKS)];
    else if (base === 'see' || base === 'chase') pool = ANIMALS.filter((a) => a !== me);
    else if (base === 'catch') pool = nounsWith(['catchable'], ANIMALS).filter((a) => a !== me);
    else if (base === 'climb' && me.tags.includes('climber')) {
      pool = [findNoun('tree'), findNoun('wall')];
    }
    if (pool.length === 0) return null;
    return fromNP(npFor(r, r.pick(pool), role, { adjP: 0.15 }));
  }
  if ((base === 'drink' || base === 'eat' || base === 'buy') && t !== 'pres' && r.chance(0.15)) {
    const m = measurePhrase(r, base === 'buy' ? (r.chance(0.5) ? 'drink' : 'eat') : base);
    if (m) return m;
  }
  const pool = nounsWith(v.obj);
  if (v.persons && (pool.length === 0 || r.chance(0.5))) {
    const p = personObj(r, s);
    return { ...p, zhNeg: p.zh };
  }
  if (pool.length === 0) return null;
  const n = r.pick(pool);
  if (n === s.noun) return null;
  const np = npFor(r, n, role, { adjP: 0.25 });
  // "He cleaned the clean kitchen" reads like a typo.
  if (np.en.split(' ').includes(base)) return null;
  return fromNP(np);
}

/** Present simple with "read" (past = base) would be ambiguous in English: skip it. */
/** Verbs that read naturally with "carefully", "quickly" … */
const MANNER_VERBS: ReadonlySet<string> = new Set([
  'eat',
  'drink',
  'cook',
  'make',
  'read',
  'write',
  'open',
  'close',
  'wash',
  'clean',
  'draw',
  'fix',
  'feed',
  'sing',
  'plant',
  'pick',
  'drive',
  'ride',
  'climb',
]);

function ambiguousTense(v: Verb, t: Tense, s: Subj, neg: boolean): boolean {
  return t === 'pres' && !neg && !isThirdSg(s) && v.forms[0] === v.forms[2];
}

function subjectFor(r: Rng, v: Verb): Subj {
  const animalVerbs = ['eat', 'drink', 'see', 'chase', 'catch', 'climb', 'like'];
  if (v.subj === 'animate' && animalVerbs.includes(v.forms[0]) && r.chance(0.35)) {
    return animalSubj(r);
  }
  return personSubj(r);
}

// ---------------------------------------------------------------------------------------------
// Statements with a transitive verb

function svo(r: Rng): Built | null {
  const v = r.pick(VERBS);
  const t = r.pick(v.tenses);
  const s = subjectFor(r, v);
  if (v.subj === 'person' && s.kind === 'animal') return null;
  if (t === 'prog' && v.forms[0] === 'chase' && s.kind !== 'animal') return null;
  const neg = t !== 'prog' && r.chance(0.25);
  if (ambiguousTense(v, t, s, neg)) return null;
  const o = objectFor(r, v, t, s);
  if (!o) return null;
  const objZh = neg ? o.zhNeg : o.zh;
  // States ("I have a dog", "She knows Tom") take no time phrase or frequency adverb.
  const stative = v.tenses.length === 1 && v.tenses[0] === 'pres';
  const time = stative ? undefined : timeFor(r, t, 0.4);
  // Frequency adverbs only in affirmative present: "She often reads books." → 她经常读书。
  const freq =
    t === 'pres' && !neg && !time && !stative && r.chance(0.2) ? r.pick(FREQ) : undefined;
  const manner =
    (t === 'past' || t === 'fut') && !neg && !time && MANNER_VERBS.has(v.forms[0]) && r.chance(0.12)
      ? r.pick(MANNER)
      : undefined;
  let vEn = vpEn(v, t, neg, s);
  let vZh = vpZh(v, t, neg, objZh);
  // The 地-adverb goes after 会: 他会小心地打开盒子。
  if (manner && t === 'fut') vZh = `会${manner.zh}${vZh.slice(1)}`;
  if (freq) {
    if (freq.en === 'never') vZh = vpZh(v, 'pres', false, objZh);
    vEn = words(freq.en, vpEn(v, 'pres', false, s));
  }
  const front = time && (t === 'past' || t === 'fut') && r.chance(0.2);
  const en = front
    ? words(`${time.en},`, s.en, vEn, o.en)
    : words(s.en, vEn, o.en, manner?.en, time?.en);
  const zh = front
    ? `${time.zh}，${s.zh}${vZh}`
    : `${s.zh}${time?.zh ?? ''}${freq?.zh ?? ''}${manner && t === 'past' ? manner.zh : ''}${vZh}`;
  return finish(en, zh);
}

function svoQuestion(r: Rng): Built | null {
  const v = r.pick(VERBS);
  const t = r.pick(v.tenses);
  const s = subjectFor(r, v);
  if (v.subj === 'person' && s.kind === 'animal') return null;
  if (t === 'prog' && v.forms[0] === 'chase' && s.kind !== 'animal') return null;
  const o = objectFor(r, v, t, s);
  if (!o) return null;
  const q = questionVp(v, t, s, o.en, o.zhNeg);
  return finish(q.en, q.zh, true);
}

/** What did you eat? / What is she reading? / Who ate my cake? / Where did you buy the book? */
function whQuestion(r: Rng): Built | null {
  const v = r.pick(VERBS.filter((x) => x.obj.length > 0 && !x.frame));
  const s = personSubj(r, 0.5);
  const kind = r.int(4);
  if (kind === 0 && v.tenses.includes('past')) {
    return finish(words('what did', s.en, v.forms[0]), `${s.zh}${v.perf}什么`, true);
  }
  if (kind === 1 && v.tenses.includes('prog')) {
    return finish(words('what', be(s), s.en, v.forms[3]), `${s.zh}正在${v.zh}什么`, true);
  }
  if (kind === 2 && v.tenses.includes('past')) {
    const o = objectFor(r, v, 'past', s);
    if (!o || !o.noun) return null;
    return finish(words('who', v.forms[2], o.en), `谁${v.perf}${o.zh}`, true);
  }
  if (kind === 3 && v.tenses.includes('past') && v.locs.length > 0) {
    const o = objectFor(r, v, 'past', s);
    if (!o) return null;
    const when = r.chance(0.5);
    return finish(
      words(when ? 'when' : 'where', 'did', s.en, v.forms[0], o.en),
      `${s.zh}${when ? '什么时候' : '在哪里'}${v.perf}${o.zh}`,
      true,
    );
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Adjectives

const DEGREES: readonly (readonly [string, (a: string) => string, number])[] = [
  ['', (a) => `很${a}`, 6],
  ['very', (a) => `非常${a}`, 2],
  ['too', (a) => `太${a}了`, 1.5],
  ['not', (a) => `不${a}`, 1.5],
  ['not very', (a) => `不太${a}`, 0.7],
  ['so', (a) => `真${a}`, 0.7],
  ['really', (a) => `真的很${a}`, 0.7],
];

/** Predicate for "is (very/too/not) ADJ". */
function predicate(r: Rng, a: Adj): { en: string; zh: string; neg: boolean } {
  if (!a.gradable) {
    const neg = r.chance(0.25);
    return { en: words(neg && 'not', a.en), zh: `${neg ? '不' : ''}是${a.pred}的`, neg };
  }
  const [deg, f] = r.weighted(DEGREES.map(([d, fn, w]) => [[d, fn] as const, w] as const));
  return { en: words(deg, a.en), zh: f(a.pred), neg: deg.startsWith('not') };
}

/** A subject that an adjective can describe: a thing, animal, place or person. */
function describedSubject(r: Rng): { s: Subj; noun?: Noun } {
  const x = r.float();
  if (x < 0.25) {
    const s = personSubj(r, 0.5);
    return s.noun ? { s, noun: s.noun } : { s, noun: findNoun('friend') };
  }
  const pool = x < 0.45 ? ANIMALS : x < 0.85 ? [...THINGS, ...FOODS, ...DRINKS] : PLACES;
  const n = r.pick(pool.filter((p) => adjsFor(p).length > 0));
  const np = npFor(r, n, 'def', { adjP: 0 });
  return {
    s: {
      en: np.en,
      zh: np.zh,
      p: 3,
      pl: np.plural,
      g: 'n',
      kind: n.human ? 'person' : 'animal',
      pronoun: false,
      noun: n,
    },
    noun: n,
  };
}

function adjPredicate(r: Rng): Built | null {
  const { s, noun } = describedSubject(r);
  if (!noun) return null;
  const options = adjsFor(noun);
  if (options.length === 0) return null;
  const a = r.pick(options);
  const past = r.chance(0.25);
  const kind = r.int(10);
  if (kind === 0 && a.gradable) {
    // "The room is clean and quiet." → 房间又干净又安静。
    const b = r.pickMaybe(
      options.filter((x) => x.gradable && x.en !== a.en && x.pred !== a.pred && x.en !== 'good'),
    );
    if (a.en === 'good') return null;
    if (!b) return null;
    return finish(words(s.en, be(s, past), a.en, 'and', b.en), `${s.zh}又${a.pred}又${b.pred}`);
  }
  if (kind === 1 && a.gradable) {
    const look = isThirdSg(s) ? 'looks' : 'look';
    return finish(words(s.en, past ? 'looked' : look, a.en), `${s.zh}看起来很${a.pred}`);
  }
  if (kind === 2 && s.kind === 'person' && a.gradable && a.tags.includes('person')) {
    const feel = past ? 'felt' : isThirdSg(s) ? 'feels' : 'feel';
    return finish(words(s.en, feel, a.en), `${s.zh}觉得很${a.pred}`);
  }
  const p = predicate(r, a);
  return finish(words(s.en, be(s, past), p.en), s.zh + p.zh);
}

function adjQuestion(r: Rng): Built | null {
  const { s, noun } = describedSubject(r);
  if (!noun) return null;
  const a = r.pickMaybe(adjsFor(noun));
  if (!a) return null;
  const beWord = be(s, r.chance(0.2));
  if (r.chance(0.15) && s.kind === 'person' && a.gradable && a.tags.includes('person')) {
    return finish(words('why', beWord, s.en, a.en), `${s.zh}为什么${a.pred}`, true);
  }
  return finish(
    words(beWord, s.en, a.en),
    a.gradable ? `${s.zh}${a.pred}吗` : `${s.zh}是${a.pred}的吗`,
    true,
  );
}

/** "My dog is bigger than your cat." → 我的狗比你的猫大。 */
function comparison(r: Rng): Built | null {
  const a = r.pick(ADJECTIVES.filter((x) => x.cmp !== undefined));
  const all = ALL_NOUNS.filter(
    (n) => hasTag(n, a.tags) && !n.kin && !n.mass && !n.plOnly && !n.human,
  );
  if (all.length < 2) return null;
  const x = r.pick(all);
  const pool = all.filter((n) => group(n) === group(x));
  const y = r.pick(pool);
  if (x === y && r.chance(0.7)) return null;
  const pair = (n: Noun): NP =>
    n.ownable && r.chance(0.5)
      ? buildNP(n, 'poss', { owner: r.pick(PRONOUN_OWNERS) })
      : buildNP(n, 'the');
  const nx = pair(x);
  const ny = pair(y);
  if (nx.en === ny.en) return null;
  const s = { ...nameSubj(NAMES[0]!), en: nx.en, zh: nx.zh };
  if (r.chance(0.2)) {
    return finish(words(be(s), nx.en, a.cmp, 'than', ny.en), `${nx.zh}比${ny.zh}${a.pred}吗`, true);
  }
  return finish(
    words(nx.en, be(s, r.chance(0.2)), a.cmp, 'than', ny.en),
    `${nx.zh}比${ny.zh}${a.pred}`,
  );
}

/** People compared: "Tom is taller than Anna." → 汤姆比安娜高。 */
function personComparison(r: Rng): Built | null {
  const a = r.pick(ADJECTIVES.filter((x) => x.cmp && hasTag(findNoun('friend'), x.tags)));
  const s = personSubj(r, 0.4);
  const o = personSubj(r, 0.2);
  if (s.en === o.en || o.pronoun) return null;
  return finish(
    words(s.en, be(s, r.chance(0.2)), a.cmp, 'than', o.en),
    `${s.zh}比${o.zh}${a.pred}`,
  );
}

// ---------------------------------------------------------------------------------------------
// Locations

const LOC_NOUNS = ALL_NOUNS.filter((n) => n.preps.length > 0);
const LOCATABLE = [
  ...ANIMALS,
  ...THINGS.filter(
    (n) => !n.plOnly && n.tags.includes('visible') && n.en !== 'door' && n.en !== 'window',
  ),
];

/** A location "PREP the Y" where X fits, or null. */
function locationFor(r: Rng, x: Noun, preps?: readonly Prep[]): { en: string; zh: string } | null {
  const ys = LOC_NOUNS.filter((y) =>
    y.preps.some((p) => (!preps || preps.includes(p)) && fitsAt(x, p, y)),
  );
  if (ys.length === 0) return null;
  const y = r.pick(ys);
  const prep = r.pick(y.preps.filter((p) => (!preps || preps.includes(p)) && fitsAt(x, p, y)));
  const np = npFor(r, y, 'loc', { adjP: 0.1 });
  return { en: words(prep, np.en), zh: locZh(prep, np) };
}

/** "The X is near the Y." → X在Y附近。 Used by the demo "The bank is near the river." too. */
export function locationSentence(x: Phrase, be: string, loc: Phrase, neg: boolean): Built {
  return finish(words(x.en, be, neg && 'not', loc.en), `${x.zh}${neg ? '不' : ''}在${loc.zh}`);
}

function locationPredicate(r: Rng): Built | null {
  const person = r.chance(0.15);
  const xn = person
    ? findNoun('friend')
    : r.pick([...LOCATABLE, ...PLACES.filter((p) => p.tags.includes('building'))]);
  const s = person
    ? personSubj(r, 0.5)
    : (() => {
        const np = npFor(r, xn, 'def', { adjP: 0.2 });
        return { ...nameSubj(NAMES[0]!), en: np.en, zh: np.zh, pl: np.plural };
      })();
  const loc = locationFor(r, person ? { ...xn, size: 3 } : xn);
  if (!loc) return null;
  const kind = r.int(8);
  if (kind === 0) return finish(words(be(s), s.en, loc.en), `${s.zh}在${loc.zh}吗`, true);
  if (kind === 1) return finish(words('where', be(s), s.en), `${s.zh}在哪里`, true);
  return locationSentence(s, be(s, r.chance(0.25)), loc, r.chance(0.15));
}

/** "There are two cats under the table." → 桌子下有两只猫。 */
function thereIs(r: Rng): Built | null {
  const x = r.pick(LOCATABLE);
  const loc = locationFor(r, x, ['in', 'on', 'under', 'near', 'next to', 'behind']);
  if (!loc) return null;
  const kind = r.int(10);
  if (kind === 0) {
    const past = r.chance(0.3);
    return finish(
      words('how many', x.pl, past ? 'were' : 'are', 'there', loc.en),
      `${loc.zh}有几${x.cl}${x.zh}`,
      true,
    );
  }
  const np = npFor(r, x, 'obj', { adjP: 0.2, dets: ['a', 'num', 'some', 'many'] });
  const past = r.chance(0.25);
  const beWord = np.plural ? (past ? 'were' : 'are') : past ? 'was' : 'is';
  if (kind === 1) {
    // "Are there any letters …?" → …有信吗？ (no number, no adjective)
    return np.plural
      ? finish(words(beWord, 'there any', x.pl, loc.en), `${loc.zh}有${x.zh}吗`, true)
      : finish(words(beWord, 'there', np.en, loc.en), `${loc.zh}有${np.zhNeg}吗`, true);
  }
  if (kind === 2 && !np.plural) {
    return finish(words('there', `${beWord}n't`, np.en, loc.en), `${loc.zh}没有${np.zhNeg}`);
  }
  return finish(words('there', beWord, np.en, loc.en), `${loc.zh}有${np.zh}`);
}

// ---------------------------------------------------------------------------------------------
// Intransitive verbs with a place: "The cat sat on the mat." / "The children played in the park."

export interface IVerb {
  readonly forms: readonly [string, string, string, string];
  readonly zh: string;
  /** Posture verbs put the place after the verb: 坐在垫子上, not 在垫子上坐. */
  readonly posture: boolean;
  /** Animal subjects allowed when they carry one of these tags. */
  readonly animals: readonly Tag[];
  readonly people: boolean;
  readonly places: readonly (readonly [Prep, readonly string[]])[];
}

const IVERBS: readonly IVerb[] = [
  {
    forms: ['sit', 'sits', 'sat', 'sitting'],
    zh: '坐',
    posture: true,
    animals: ['pet', 'farm', 'flyer', 'wild'],
    people: true,
    places: [
      [
        'on',
        [
          'mat',
          'chair',
          'sofa',
          'bed',
          'bench',
          'floor',
          'grass',
          'wall',
          'table',
          'roof',
          'beach',
        ],
      ],
      ['in', ['chair', 'car', 'tree']],
      ['under', ['tree', 'table', 'bridge']],
      ['next to', ['window', 'door', 'tree', 'river', 'lake', 'bed', 'sofa']],
      ['near', ['window', 'door', 'tree', 'river', 'lake']],
    ],
  },
  {
    forms: ['stand', 'stands', 'stood', 'standing'],
    zh: '站',
    posture: true,
    animals: ['pet', 'farm', 'flyer'],
    people: true,
    places: [
      ['on', ['bridge', 'hill', 'roof', 'chair', 'table', 'beach', 'grass', 'wall', 'mountain']],
      ['next to', ['door', 'window', 'tree', 'car', 'house', 'bed']],
      ['behind', ['door', 'tree', 'car', 'house', 'school']],
      ['in front of', ['door', 'window', 'house', 'school', 'library', 'station', 'museum']],
    ],
  },
  {
    forms: ['lie', 'lies', 'lay', 'lying'],
    zh: '躺',
    posture: true,
    animals: ['pet', 'farm', 'wild'],
    people: true,
    places: [
      ['on', ['bed', 'sofa', 'grass', 'floor', 'beach', 'mat', 'bench']],
      ['under', ['tree']],
    ],
  },
  {
    forms: ['hide', 'hides', 'hid', 'hiding'],
    zh: '躲',
    posture: true,
    animals: ['pet', 'wild', 'farm'],
    people: true,
    places: [
      ['under', ['bed', 'table', 'chair', 'car', 'desk', 'sofa', 'tree']],
      ['behind', ['door', 'tree', 'sofa', 'car', 'house']],
      ['in', ['box', 'bedroom', 'kitchen', 'forest', 'cave', 'tree']],
    ],
  },
  {
    forms: ['sleep', 'sleeps', 'slept', 'sleeping'],
    zh: '睡觉',
    posture: false,
    animals: ['pet', 'farm', 'wild', 'flyer'],
    people: true,
    places: [
      ['on', ['bed', 'sofa', 'floor', 'grass', 'mat', 'bench']],
      ['in', ['room', 'bedroom', 'car', 'tree', 'cave', 'forest']],
      ['under', ['tree', 'table', 'bed']],
    ],
  },
  {
    forms: ['play', 'plays', 'played', 'playing'],
    zh: '玩',
    posture: false,
    animals: ['pet', 'wild'],
    people: true,
    places: [
      ['in', ['park', 'garden', 'yard', 'room', 'classroom', 'river']],
      ['on', ['beach', 'grass']],
      ['under', ['tree']],
    ],
  },
  {
    forms: ['swim', 'swims', 'swam', 'swimming'],
    zh: '游泳',
    posture: false,
    animals: ['aquatic'],
    people: true,
    places: [['in', ['river', 'lake', 'sea']]],
  },
  {
    forms: ['run', 'runs', 'ran', 'running'],
    zh: '跑步',
    posture: false,
    animals: [],
    people: true,
    places: [
      ['in', ['park', 'field', 'forest']],
      ['on', ['beach', 'street', 'road', 'bridge']],
    ],
  },
  {
    forms: ['walk', 'walks', 'walked', 'walking'],
    zh: '散步',
    posture: false,
    animals: [],
    people: true,
    places: [
      ['in', ['park', 'garden', 'forest', 'field']],
      ['on', ['beach', 'street', 'bridge']],
    ],
  },
  {
    forms: ['work', 'works', 'worked', 'working'],
    zh: '工作',
    posture: false,
    animals: [],
    people: true,
    places: [
      [
        'in',
        [
          'office',
          'hospital',
          'school',
          'library',
          'restaurant',
          'shop',
          'city',
          'village',
          'kitchen',
          'garden',
        ],
      ],
      ['at', ['school', 'library', 'hospital', 'station', 'museum', 'farm', 'market', 'zoo']],
    ],
  },
  {
    forms: ['study', 'studies', 'studied', 'studying'],
    zh: '学习',
    posture: false,
    animals: [],
    people: true,
    places: [
      ['in', ['library', 'classroom', 'bedroom', 'room', 'kitchen']],
      ['at', ['school', 'library']],
    ],
  },
  {
    forms: ['cry', 'cries', 'cried', 'crying'],
    zh: '哭',
    posture: false,
    animals: [],
    people: true,
    places: [['in', ['room', 'bedroom', 'classroom', 'park', 'kitchen', 'car']]],
  },
  {
    forms: ['dance', 'dances', 'danced', 'dancing'],
    zh: '跳舞',
    posture: false,
    animals: [],
    people: true,
    places: [
      ['in', ['park', 'room', 'garden', 'classroom', 'restaurant']],
      ['on', ['beach', 'grass']],
    ],
  },
  {
    forms: ['sing', 'sings', 'sang', 'singing'],
    zh: '唱歌',
    posture: false,
    animals: ['flyer'],
    people: true,
    places: [['in', ['classroom', 'park', 'garden', 'bedroom', 'kitchen', 'tree', 'forest']]],
  },
  {
    forms: ['wait', 'waits', 'waited', 'waiting'],
    zh: '等',
    posture: false,
    animals: ['pet'],
    people: true,
    places: [
      ['at', ['station', 'school', 'library', 'park', 'museum']],
      ['in front of', ['school', 'library', 'station', 'museum', 'house', 'door']],
      ['next to', ['car', 'door', 'tree']],
    ],
  },
  {
    forms: ['fly', 'flies', 'flew', 'flying'],
    zh: '飞',
    posture: false,
    animals: ['flyer'],
    people: false,
    places: [['in', ['sky']]],
  },
];

export function findIVerb(base: string): IVerb {
  const v = IVERBS.find((x) => x.forms[0] === base);
  if (!v) throw new Error(`unknown intransitive verb: ${base}`);
  return v;
}

/**
 * The subject-verb-place sentence itself: "The cat sat on the mat." → 猫坐在垫子上。
 * Past affirmative takes no 了 here (在公园里玩, 坐在垫子上 read as finished in context).
 */
export function intransitiveSentence(
  s: Subj,
  v: IVerb,
  t: 'pres' | 'past' | 'fut' | 'prog',
  neg: boolean,
  prep: Prep,
  place: NP,
  time?: TimePhrase,
): Built {
  const [base, s3, past, ing] = v.forms;
  const third = isThirdSg(s);
  let vEn: string;
  if (t === 'pres') vEn = neg ? `${doAux(s)}n't ${base}` : third ? s3 : base;
  else if (t === 'past') vEn = neg ? `didn't ${base}` : past;
  else if (t === 'fut') vEn = neg ? `won't ${base}` : `will ${base}`;
  else vEn = `${be(s)} ${ing}`;
  const loc = locZh(prep, place);
  const core = v.posture ? `${v.zh}在${loc}` : `在${loc}${v.zh}`;
  let aux = '';
  if (t === 'pres' && neg) aux = '不';
  if (t === 'past' && neg) aux = '没有';
  if (t === 'fut') aux = neg ? '不会' : '会';
  // 正在 + 在公园里玩 → 正在公园里玩; posture verbs: 正坐在椅子上.
  // 正 + 在公园里玩 → 正在公园里玩; 正 + 坐在椅子上 → 正坐在椅子上.
  const vp = t === 'prog' ? `正${core}` : aux + core;
  return finish(words(s.en, vEn, prep, place.en, time?.en), `${s.zh}${time?.zh ?? ''}${vp}`);
}

function intransitive(r: Rng): Built | null {
  // "sit" gets extra weight: "The cat sat on the mat." is a demo sentence's pattern.
  const v = r.weighted(IVERBS.map((x) => [x, x.forms[0] === 'sit' ? 4 : 1] as const));
  const useAnimal = v.animals.length > 0 && (!v.people || r.chance(0.4));
  let s: Subj;
  let size = 3;
  if (useAnimal) {
    const pool = ANIMALS.filter((a) => hasTag(a, v.animals));
    if (pool.length === 0) return null;
    s = animalSubj(r, pool);
    size = s.noun?.size ?? 2;
  } else {
    s = personSubj(r);
  }
  const me = s.noun ?? { ...findNoun('friend'), size };
  // Only pets come indoors: no horse next to the bed.
  const indoorsOk = !useAnimal || me.tags.includes('pet');
  const choices = v.places.flatMap(([prep, ys]) =>
    ys
      .map((y) => [prep, findNoun(y)] as const)
      .filter(
        ([p, y]) =>
          fitsAt(me, p, y) &&
          (indoorsOk ||
            y.tags.includes('outdoor') ||
            y.tags.includes('water') ||
            [
              'tree',
              'bridge',
              'hill',
              'mountain',
              'forest',
              'field',
              'grass',
              'sky',
              'cave',
              'roof',
              'wall',
            ].includes(y.en)),
      ),
  );
  if (choices.length === 0) return null;
  const [prep, y] = r.pick(choices);
  const place = npFor(r, y, 'loc', { adjP: 0.1 });
  const t = r.weighted<'pres' | 'past' | 'fut' | 'prog'>([
    ['past', 5],
    ['pres', 2],
    ['fut', 1.5],
    ['prog', 2],
  ]);
  const neg = t !== 'prog' && r.chance(0.15);
  const time = t === 'pres' ? timeFor(r, 'pres', 0.4) : timeFor(r, t, 0.3);
  return intransitiveSentence(s, v, t, neg, prep, place, time);
}

/** "Fish live in the river." / "I live in a small village." */
function live(r: Rng): Built | null {
  if (r.chance(0.5)) {
    const homes: Readonly<Record<string, readonly string[]>> = {
      aquatic: ['river', 'lake', 'sea'],
      wild: ['forest', 'zoo'],
      flyer: ['tree', 'forest'],
    };
    const tag = r.pick(Object.keys(homes));
    const pool = ANIMALS.filter((a) => a.tags.includes(tag as Tag));
    const s = animalSubj(r, pool);
    const y = findNoun(r.pick(homes[tag] ?? ['forest']));
    const np = npFor(r, y, 'loc', { adjP: 0.1, dets: ['the'] });
    const vEn = isThirdSg(s) ? 'lives' : 'live';
    return finish(words(s.en, vEn, 'in', np.en), `${s.zh}住在${locZh('in', np)}`);
  }
  const s = personSubj(r);
  const y = findNoun(r.pick(['city', 'village', 'house']));
  const np = npFor(r, y, 'obj', { adjP: 0.3, dets: ['a', 'the', 'poss', 'this', 'that'] });
  const neg = r.chance(0.15);
  const vEn = neg ? `${doAux(s)}n't live` : isThirdSg(s) ? 'lives' : 'live';
  return finish(words(s.en, vEn, 'in', np.en), `${s.zh}${neg ? '不' : ''}住在${np.zh}${y.inZh}`);
}

/** "She read a book in the library." → 她在图书馆里读了一本书。 */
function actionAtPlace(r: Rng): Built | null {
  const v = r.pick(VERBS.filter((x) => x.locs.length > 0));
  const t = r.pick(v.tenses.filter((x) => x !== 'can' && x !== 'want'));
  if (!t) return null;
  const s = subjectFor(r, v);
  if (v.subj === 'person' && s.kind === 'animal') return null;
  const neg = (t === 'past' || t === 'fut') && r.chance(0.15);
  if (ambiguousTense(v, t, s, neg)) return null;
  const o = objectFor(r, v, t, s);
  if (!o) return null;
  const y = findNoun(r.pick(v.locs));
  const prep: Prep = y.preps.includes('in') ? 'in' : y.preps.includes('on') ? 'on' : 'at';
  const place = npFor(r, y, 'loc', { adjP: 0.1, dets: ['the', 'poss', 'a'] });
  const loc = locZh(prep, place);
  const objZh = neg ? o.zhNeg : o.zh;
  const time = timeFor(r, t, 0.25);
  let vp: string;
  const plain = vpZh(v, 'pres', false, objZh);
  if (t === 'prog') vp = `正在${loc}${plain}`;
  else if (t === 'past')
    vp = neg
      ? `没有在${loc}${frameZh(v, objZh, v.res)}`
      : `在${loc}${vpZh(v, 'past', false, objZh)}`;
  else if (t === 'fut') vp = `${neg ? '不会' : '会'}在${loc}${plain}`;
  else vp = `在${loc}${plain}`;
  return finish(
    words(s.en, vpEn(v, t, neg, s), o.en, prep, place.en, time?.en),
    `${s.zh}${time?.zh ?? ''}${vp}`,
  );
}

// ---------------------------------------------------------------------------------------------
// Likes and dislikes: "I love eating apples." → 我爱吃苹果。

export interface Gerund {
  readonly en: string;
  readonly zh: string;
  readonly objects: readonly Noun[];
}

const GERUNDS: readonly Gerund[] = [
  { en: 'eating', zh: '吃', objects: FOODS.filter((f) => f.tags.includes('food')) },
  { en: 'drinking', zh: '喝', objects: DRINKS },
  {
    en: 'reading',
    zh: '读',
    objects: ['book', 'newspaper', 'magazine', 'story', 'poem', 'letter'].map((x) => findNoun(x)),
  },
  { en: 'watching', zh: '看', objects: ['movie', 'game'].map((x) => findNoun(x)) },
  { en: 'writing', zh: '写', objects: ['letter', 'story', 'poem', 'song'].map((x) => findNoun(x)) },
  { en: 'singing', zh: '唱', objects: [findNoun('song')] },
  {
    en: 'drawing',
    zh: '画',
    objects: ['flower', 'horse', 'tree', 'car', 'house', 'bird'].map((x) => findNoun(x)),
  },
  {
    en: 'cooking',
    zh: '做',
    objects: ['rice', 'soup', 'noodles', 'fish', 'meat', 'egg'].map((x) => findNoun(x, FOODS)),
  },
  { en: 'learning', zh: '学', objects: ABSTRACT.filter((a) => a.tags.includes('subject')) },
  { en: 'listening to', zh: '听', objects: [findNoun('music'), findNoun('song')] },
];

const BARE_GERUNDS: readonly Phrase[] = [
  { en: 'swimming', zh: '游泳' },
  { en: 'running', zh: '跑步' },
  { en: 'dancing', zh: '跳舞' },
  { en: 'singing', zh: '唱歌' },
  { en: 'reading', zh: '读书' },
  { en: 'cooking', zh: '做饭' },
  { en: 'sleeping', zh: '睡觉' },
  { en: 'walking', zh: '散步' },
  { en: 'drawing', zh: '画画' },
];

export const FEELINGS: readonly (readonly [string, string, string])[] = [
  ['love', 'loves', '爱'],
  ['like', 'likes', '喜欢'],
  ['hate', 'hates', '讨厌'],
];

/** "I love eating apples." → 我爱吃苹果。 The object is a bare plural or mass noun. */
export function lovesDoing(
  s: Subj,
  feeling: readonly [string, string, string],
  neg: boolean,
  gerund: Phrase,
  obj: Phrase,
): Built {
  const [base, s3, zh] = feeling;
  const vEn = neg ? `${doAux(s)}n't ${base}` : isThirdSg(s) ? s3 : base;
  return finish(
    words(s.en, vEn, gerund.en, obj.en),
    `${s.zh}${neg ? '不' : ''}${zh}${gerund.zh}${obj.zh}`,
  );
}

function bareObject(n: Noun): Phrase {
  return { en: n.mass || n.plOnly ? n.en : n.pl, zh: n.zh };
}

function likesDoing(r: Rng): Built | null {
  const s = r.chance(0.85)
    ? personSubj(r, 0.5)
    : animalSubj(
        r,
        ANIMALS.filter((a) => a.tags.includes('pet')),
      );
  const feeling = r.weighted(FEELINGS.map((f, i) => [f, i === 2 ? 1 : 3] as const));
  if (s.kind === 'animal') {
    const foods = (ANIMAL_FOOD[s.noun?.en ?? ''] ?? []).map((f) => findNoun(f, FOODS));
    if (foods.length === 0) return null;
    return lovesDoing(s, feeling, false, { en: 'eating', zh: '吃' }, bareObject(r.pick(foods)));
  }
  const kind = r.int(6);
  if (kind === 0) {
    const g = r.pick(BARE_GERUNDS);
    const neg = r.chance(0.2);
    const [base, s3, zh] = feeling;
    return finish(
      words(s.en, neg ? `${doAux(s)}n't ${base}` : isThirdSg(s) ? s3 : base, g.en),
      `${s.zh}${neg ? '不' : ''}${zh}${g.zh}`,
    );
  }
  const g = r.pick(GERUNDS);
  const obj = bareObject(r.pick(g.objects));
  if (kind === 1) {
    const [base, , zh] = feeling;
    return finish(
      words(doAux(s), s.en, base, g.en, obj.en),
      `${s.zh}${zh}${g.zh}${obj.zh}吗`,
      true,
    );
  }
  return lovesDoing(s, feeling, r.chance(0.15), g, obj);
}

// ---------------------------------------------------------------------------------------------
// Possession

const OWNABLE = THINGS.filter(
  (t) => hasTag(t, ['portable', 'toy', 'clothes', 'vehicle']) && !t.plOnly,
);

const POSS_PRONOUNS: readonly Phrase[] = [
  { en: 'mine', zh: '我的' },
  { en: 'yours', zh: '你的' },
  { en: 'his', zh: '他的' },
  { en: 'hers', zh: '她的' },
  { en: 'ours', zh: '我们的' },
  { en: 'theirs', zh: '他们的' },
];

function possession(r: Rng): Built | null {
  const n = r.chance(0.8) ? r.pick(OWNABLE) : r.pick(ANIMALS.filter((a) => a.tags.includes('pet')));
  const kind = r.int(5);
  const near = r.chance(0.5);
  const plural = r.chance(0.2);
  const head = plural ? n.pl : n.en;
  const dem = near ? (plural ? 'these' : 'this') : plural ? 'those' : 'that';
  const demZh = near ? (plural ? '这些' : '这') : plural ? '那些' : '那';
  const beWord = plural ? 'are' : 'is';
  if (kind === 0) {
    return finish(words('whose', head, beWord, dem), `${demZh}是谁的${n.zh}`, true);
  }
  if (kind === 1) {
    const np = npFor(r, n, 'def', { adjP: 0.2, dets: ['the', 'this', 'that'] });
    const p = r.pick(POSS_PRONOUNS);
    const s = np.plural ? 'are' : 'is';
    const sameDem = np.en.startsWith('this') || np.en.startsWith('that');
    if (!sameDem && r.chance(0.3)) return null;
    return finish(words(np.en, s, p.en), `${np.zh}是${p.zh}`);
  }
  const owner = randomOwner(r);
  const a = r.chance(0.2)
    ? r.pickMaybe(adjsFor(n).filter((x) => x.attr && !x.attr.endsWith('的')))
    : undefined;
  const np = buildNP(n, plural ? 'posspl' : 'poss', { owner, ...(a ? { adj: a } : {}) });
  if (kind === 2) return finish(words(beWord, dem, np.en), `${demZh}是${np.zh}吗`, true);
  const neg = r.chance(0.2);
  return finish(words(dem, beWord, neg && 'not', np.en), `${demZh}${neg ? '不' : ''}是${np.zh}`);
}

function whatColour(r: Rng): Built | null {
  const n = r.pick(
    THINGS.filter((t) => hasTag(t, ['portable', 'vehicle', 'clothes', 'toy']) && !t.plOnly),
  );
  const np = npFor(r, n, 'def', { adjP: 0 });
  return finish(
    words('what colour', np.plural ? 'are' : 'is', np.en),
    `${np.zh}是什么颜色的`,
    true,
  );
}

function howMany(r: Rng): Built | null {
  const v = r.pick(VERBS.filter((x) => x.forms[0] === 'have'));
  const n = r.pick(nounsWith(v.obj).filter((x) => !x.mass && !x.plOnly));
  const s = personSubj(r, 0.5);
  return finish(words('how many', n.pl, doAux(s), s.en, 'have'), `${s.zh}有几${n.cl}${n.zh}`, true);
}

// ---------------------------------------------------------------------------------------------
// Clauses joined by because / but / and then / that

interface Reason {
  readonly adj: Phrase;
  readonly clause: (s: Subj, r: Rng) => Phrase;
}

const LOSABLE = [
  'key',
  'phone',
  'bag',
  'umbrella',
  'hat',
  'book',
  'ball',
  'toy',
  'camera',
  'pen',
].map((x) => findNoun(x));
const GIFTS = ['bike', 'camera', 'phone', 'toy', 'doll', 'kite', 'ball', 'coat', 'hat', 'book'].map(
  (x) => findNoun(x),
);

function possNP(s: Subj, n: Noun): NP {
  return buildNP(n, 'poss', { owner: possOf(s) });
}

const REASONS: readonly Reason[] = [
  {
    adj: { en: 'happy', zh: '开心' },
    clause: (s, r) => {
      const p = pronOf(s);
      const k = r.int(4);
      if (k === 0) {
        const np = possNP(s, r.pick(LOSABLE));
        return { en: words(p.en, 'found', np.en), zh: `${p.zh}找到了${np.zh}` };
      }
      if (k === 1) {
        const np = buildNP(r.pick(GIFTS), 'a', { adj: ADJECTIVES.find((a) => a.en === 'new')! });
        return { en: words(p.en, 'got', np.en), zh: `${p.zh}得到了${np.zh}` };
      }
      if (k === 2) return { en: words(p.en, 'won the game'), zh: `${p.zh}赢了比赛` };
      return { en: words(p.en, 'passed the exam'), zh: `${p.zh}通过了考试` };
    },
  },
  {
    adj: { en: 'sad', zh: '难过' },
    clause: (s, r) => {
      const p = pronOf(s);
      const k = r.int(3);
      if (k === 0) {
        const np = possNP(s, r.pick(LOSABLE));
        return { en: words(p.en, 'lost', np.en), zh: `${p.zh}丢了${np.zh}` };
      }
      if (k === 1) {
        const pet = possNP(s, r.pick(ANIMALS.filter((a) => a.tags.includes('pet'))));
        return { en: words(pet.en, 'is sick'), zh: `${pet.zh}生病了` };
      }
      return { en: words(p.en, 'lost the game'), zh: `${p.zh}输了比赛` };
    },
  },
  {
    adj: { en: 'tired', zh: '累' },
    clause: (s, r) => {
      const p = pronOf(s);
      const k = r.int(4);
      if (k === 0) return { en: words(p.en, 'worked all day'), zh: `${p.zh}工作了一整天` };
      if (k === 1) {
        const y = buildNP(findNoun(r.pick(['park', 'field', 'forest'])), 'the');
        return { en: words(p.en, 'ran in', y.en), zh: `${p.zh}在${locZh('in', y)}跑步了` };
      }
      if (k === 2) {
        const y = possNP(s, findNoun(r.pick(['room', 'kitchen', 'house', 'bedroom'])));
        return { en: words(p.en, 'cleaned', y.en), zh: `${p.zh}打扫了${y.zh}` };
      }
      return { en: words(p.en, "didn't sleep last night"), zh: `${p.zh}昨天晚上没有睡觉` };
    },
  },
  {
    adj: { en: 'hungry', zh: '饿' },
    clause: (s, r) => {
      const p = pronOf(s);
      const meal = r.pick(MEALS);
      return r.chance(0.6)
        ? { en: words(p.en, "didn't eat", meal.en), zh: `${p.zh}没有吃${meal.zh}` }
        : { en: words(p.en, 'only ate an apple'), zh: `${p.zh}只吃了一个苹果` };
    },
  },
  {
    adj: { en: 'angry', zh: '生气' },
    clause: (s, r) => {
      const culprit = personSubj(r, 0);
      if (culprit.en === s.en) return { en: 'nobody helped', zh: '没有人帮忙' };
      const np = possNP(s, r.pick(LOSABLE));
      return r.chance(0.5)
        ? { en: words(culprit.en, 'broke', np.en), zh: `${culprit.zh}弄坏了${np.zh}` }
        : { en: words(culprit.en, 'lost', np.en), zh: `${culprit.zh}弄丢了${np.zh}` };
    },
  },
];

function because(r: Rng): Built | null {
  const s = personSubj(r, 0.4);
  const reason = r.pick(REASONS);
  const past = r.chance(0.5);
  const c = reason.clause(s, r);
  const deg = r.weighted<'' | 'very'>([
    ['', 3],
    ['very', 1],
  ]);
  return finish(
    words(s.en, be(s, past), deg, `${reason.adj.en} because`, c.en),
    `${s.zh}${deg ? '非常' : '很'}${reason.adj.zh}，因为${c.zh}`,
  );
}

const PLANS: readonly ((s: Subj) => Phrase)[] = [
  () => ({ en: 'go to school', zh: '去学校' }),
  () => ({ en: 'go to work', zh: '去上班' }),
  () => ({ en: 'go to the park', zh: '去公园' }),
  () => ({ en: 'go to the party', zh: '去参加聚会' }),
  () => ({ en: 'eat dinner', zh: '吃晚饭' }),
  (s) => ({ en: `finish ${possOf(s).en} homework`, zh: `完成${possOf(s).zh}的作业` }),
  () => ({ en: 'play football', zh: '踢足球' }),
  () => ({ en: 'watch the movie', zh: '看电影' }),
  (s) => ({ en: `call ${possOf(s).en} mother`, zh: `给${possOf(s).zh}妈妈打电话` }),
  () => ({ en: 'clean the kitchen', zh: '打扫厨房' }),
];

const STATES: readonly Phrase[] = [
  { en: 'sick', zh: '生病了' },
  { en: 'tired', zh: '很累' },
  { en: 'too tired', zh: '太累了' },
  { en: 'busy', zh: '很忙' },
  { en: 'too busy', zh: '太忙了' },
  { en: 'sad', zh: '很难过' },
];

/** "Anna didn't go to school because she was sick." → 安娜没有去学校，因为她生病了。 */
function didntBecause(r: Rng): Built | null {
  const s = personSubj(r, 0.4);
  const plan = r.pick(PLANS)(s);
  const st = r.pick(STATES);
  const p = pronOf(s);
  return finish(
    words(s.en, "didn't", plan.en, 'because', p.en, be(p, true), st.en),
    `${s.zh}没有${plan.zh}，因为${p.zh}${st.zh}`,
  );
}

const OPPOSITES: readonly (readonly [string, string])[] = [
  ['big', 'small'],
  ['old', 'new'],
  ['fast', 'slow'],
  ['quiet', 'noisy'],
  ['clean', 'dirty'],
  ['expensive', 'cheap'],
  ['hot', 'cold'],
  ['soft', 'hard'],
  ['happy', 'sad'],
];

/** "The dog is big, but the cat is small." → 狗很大，但是猫很小。 */
function butClause(r: Rng): Built | null {
  if (r.chance(0.4)) {
    // "Tom likes tea, but Anna likes coffee." → 汤姆喜欢茶，但是安娜喜欢咖啡。
    const a = personSubj(r, 0.3);
    const b = personSubj(r, 0.3);
    if (a.en === b.en) return null;
    const pool = r.pick([
      DRINKS,
      FOODS.filter((f) => f.tags.includes('fruit')),
      ANIMALS.filter((x) => x.tags.includes('pet')),
    ]);
    const x = r.pick(pool);
    const y = r.pick(pool);
    if (x === y) return null;
    const like = (s: Subj): string => (isThirdSg(s) ? 'likes' : 'like');
    return finish(
      words(a.en, like(a), `${bareObject(x).en},`, 'but', b.en, like(b), bareObject(y).en),
      `${a.zh}喜欢${x.zh}，但是${b.zh}喜欢${y.zh}`,
    );
  }
  const [e1, e2] = r.pick(OPPOSITES);
  const swap = r.chance(0.5);
  const a1 = swap ? e2 : e1;
  const a2 = swap ? e1 : e2;
  const pool = ALL_NOUNS.filter(
    (n) =>
      !n.kin &&
      ADJECTIVES.some((a) => a.en === a1 && hasTag(n, a.tags)) &&
      ADJECTIVES.some((a) => a.en === a2 && hasTag(n, a.tags)),
  );
  if (pool.length < 2) return null;
  const x = r.pick(pool);
  const y = r.pick(pool.filter((n) => group(n) === group(x)));
  if (x === y) return null;
  const adjOf = (en: string, n: Noun): Adj | undefined =>
    ADJECTIVES.find((a) => a.en === en && hasTag(n, a.tags));
  const ax = adjOf(a1, x);
  const ay = adjOf(a2, y);
  if (!ax || !ay) return null;
  const nx = npFor(r, x, 'def', { adjP: 0 });
  const ny = npFor(r, y, 'def', { adjP: 0 });
  const past = r.chance(0.2);
  const bx = nx.plural ? (past ? 'were' : 'are') : past ? 'was' : 'is';
  const by = ny.plural ? (past ? 'were' : 'are') : past ? 'was' : 'is';
  return finish(
    words(nx.en, bx, `${ax.en},`, 'but', ny.en, by, ay.en),
    `${nx.zh}很${ax.pred}，但是${ny.zh}很${ay.pred}`,
  );
}

/** "Tom bought a book and then read the newspaper." → 汤姆买了一本书，然后读了报纸。 */
function andThen(r: Rng): Built | null {
  const s = personSubj(r);
  const pastVerbs = VERBS.filter((v) => v.tenses.includes('past'));
  const v1 = r.pick(pastVerbs);
  const v2 = r.pick(pastVerbs);
  if (v1 === v2) return null;
  const o1 = objectFor(r, v1, 'past', s);
  const o2 = objectFor(r, v2, 'past', s);
  if (!o1 || !o2) return null;
  const time = timeFor(r, 'past', 0.25);
  return finish(
    words(s.en, v1.forms[2], o1.en, 'and then', v2.forms[2], o2.en, time?.en),
    `${s.zh}${time?.zh ?? ''}${vpZh(v1, 'past', false, o1.zh)}，然后${vpZh(v2, 'past', false, o2.zh)}`,
  );
}

/** "Tom said that the cake was delicious." → 汤姆说蛋糕很好吃。 */
function reported(r: Rng): Built | null {
  const s = personSubj(r, 0.5);
  const inner = r.chance(0.5) ? adjPredicate(r) : svo(r);
  if (!inner) return null;
  const innerEn = inner.en.slice(0, -1);
  if (innerEn.includes(',')) return null;
  const lower =
    /^(I|Tom|Anna|Jack|Lucy|Sam|Mary|David|Emma|Peter|Linda|Mike|Lily|John|Kate|Tim|Amy|English|Chinese|French|Japanese)\b/.test(
      innerEn,
    )
      ? innerEn
      : innerEn.charAt(0).toLowerCase() + innerEn.slice(1);
  const k = r.int(3);
  const [vEn, vZh] =
    k === 0
      ? [isThirdSg(s) ? 'says' : 'say', '说']
      : k === 1
        ? ['said', '说']
        : [isThirdSg(s) ? 'thinks' : 'think', '觉得'];
  return finish(
    words(s.en, vEn, r.chance(0.5) && 'that', lower),
    `${s.zh}${vZh}${inner.zh.slice(0, -1)}`,
  );
}

// ---------------------------------------------------------------------------------------------
// Imperatives, giving, putting, playing, going

function imperative(r: Rng): Built | null {
  if (r.chance(0.3)) {
    const v = r.pick(
      IVERBS.filter(
        (x) => x.people && ['sit', 'stand', 'sleep', 'play', 'wait', 'lie'].includes(x.forms[0]),
      ),
    );
    const [prep, ys] = r.pick(v.places);
    const y = findNoun(r.pick(ys));
    const place = npFor(r, y, 'loc', { adjP: 0, dets: ['the', 'poss', 'this', 'that'] });
    const loc = locZh(prep, place);
    const neg = r.chance(0.4);
    const please = r.chance(0.5);
    const core = v.posture ? `${v.zh}在${loc}` : `在${loc}${v.zh}`;
    return finish(
      words(please && 'please', neg && "don't", v.forms[0], prep, place.en),
      `${please ? '请' : ''}${neg ? '不要' : ''}${core}`,
    );
  }
  const v = r.pick(
    VERBS.filter(
      (x) => x.obj.length > 0 && x.subj === 'person' && !x.indefPres && x.tenses.length > 1,
    ),
  );
  const pool = nounsWith(v.obj);
  if (pool.length === 0) return null;
  const np = npFor(r, r.pick(pool), 'def', { adjP: 0.15 });
  const frame = v.frame ?? ((o: string, x: string) => x + o);
  const k = r.int(5);
  if (k === 0) return finish(words("let's", v.forms[0], np.en), `我们${frame(np.zh, v.zh)}吧`);
  const please = k === 1 || k === 3;
  const neg = k >= 3;
  return finish(
    words(please && 'please', neg && "don't", v.forms[0], np.en),
    `${please ? '请' : ''}${neg ? '不要' : ''}${frame(np.zh, v.zh)}`,
  );
}

interface Ditransitive {
  readonly forms: readonly [string, string];
  readonly zh: string;
  readonly objs: readonly Noun[];
}

const DITRANSITIVES: readonly Ditransitive[] = [
  {
    forms: ['give', 'gave'],
    zh: '',
    objs: nounsWith(['portable', 'toy', 'food', 'plant']).filter((n) => !n.mass && !n.plOnly),
  },
  {
    forms: ['buy', 'bought'],
    zh: '买',
    objs: nounsWith(['portable', 'toy', 'clothes']).filter((n) => !n.plOnly),
  },
  { forms: ['make', 'made'], zh: '做', objs: nounsWith(['makeable']) },
  {
    forms: ['send', 'sent'],
    zh: '寄',
    objs: ['letter', 'photo', 'book', 'map'].map((x) => findNoun(x)),
  },
  {
    forms: ['read', 'read'],
    zh: '读',
    objs: ['story', 'letter', 'book', 'poem'].map((x) => findNoun(x)),
  },
  {
    forms: ['show', 'showed'],
    zh: '看',
    objs: ['photo', 'map', 'picture', 'letter', 'book', 'camera'].map((x) => findNoun(x)),
  },
];

/** "Tom gave me a book." → 汤姆给了我一本书。 "She bought him a hat." → 她给他买了一顶帽子。 */
function ditransitive(r: Rng): Built | null {
  const d = r.pick(DITRANSITIVES);
  const s = personSubj(r, 0.4);
  const o1 = personObj(r, s);
  const np = npFor(r, r.pick(d.objs), 'obj', {
    adjP: 0.2,
    dets: ['a', 'the', 'num', 'this', 'that'],
  });
  const t = r.weighted<'past' | 'fut' | 'neg'>([
    ['past', 5],
    ['fut', 2],
    ['neg', 1.5],
  ]);
  const give = d.zh === '';
  const vEn =
    t === 'past' ? d.forms[1] : t === 'fut' ? `will ${d.forms[0]}` : `didn't ${d.forms[0]}`;
  const obj = t === 'neg' ? np.zhNeg : np.zh;
  let zh: string;
  if (give)
    zh =
      t === 'past'
        ? `给了${o1.zh}${obj}`
        : t === 'fut'
          ? `会给${o1.zh}${obj}`
          : `没有给${o1.zh}${obj}`;
  else
    zh = `${t === 'fut' ? '会' : t === 'neg' ? '没有' : ''}给${o1.zh}${d.zh}${t === 'past' ? '了' : ''}${obj}`;
  return finish(words(s.en, vEn, o1.en, np.en), s.zh + zh);
}

const PUTTABLE = nounsWith(['portable', 'toy', 'food', 'clothes', 'washable']).filter(
  (n) => !n.mass && n.size <= 2,
);
const PUT_PLACES: readonly (readonly [Prep, readonly string[]])[] = [
  ['on', ['table', 'desk', 'bed', 'sofa', 'chair', 'shelf', 'floor']],
  ['in', ['box', 'bag', 'basket', 'kitchen', 'car', 'bedroom']],
  ['under', ['bed', 'table', 'chair', 'desk']],
  ['next to', ['door', 'window', 'bed', 'computer']],
];

/** "Put" is past-only here ("I put" could also be present): S把X放在了Y上 / 放进了Y里. */
function put(r: Rng): Built | null {
  const x = r.pick(PUTTABLE);
  const [prep, ys] = r.pick(PUT_PLACES);
  const y = findNoun(r.pick(ys));
  if (!fitsAt(x, prep, y) && !(prep === 'in' && x.size < y.size)) return null;
  const np = npFor(r, x, 'def', { adjP: 0.15 });
  const place = npFor(r, y, 'loc', { adjP: 0, dets: ['the', 'poss', 'this', 'that'] });
  const into = prep === 'in' && y.tags.includes('container');
  const loc = locZh(prep, place);
  const verbZh = into ? '放进' : '放在';
  const k = r.int(6);
  if (k === 0) {
    const neg = r.chance(0.4);
    return finish(
      words('please', neg && "don't", 'put', np.en, prep, place.en),
      `请${neg ? '不要' : ''}把${np.zh}${verbZh}${loc}`,
    );
  }
  const s = personSubj(r);
  const neg = k === 1;
  const time = timeFor(r, 'past', 0.2);
  return finish(
    words(s.en, neg ? "didn't put" : 'put', np.en, prep, place.en, time?.en),
    `${s.zh}${time?.zh ?? ''}${neg ? '没有' : ''}把${np.zh}${verbZh}${neg ? '' : '了'}${loc}`,
  );
}

const PLAYABLE: readonly (readonly [string, string, string])[] = [
  ['football', '踢', '足球'],
  ['basketball', '打', '篮球'],
  ['tennis', '打', '网球'],
  ['chess', '下', '棋'],
  ['cards', '打', '牌'],
  ['the piano', '弹', '钢琴'],
  ['the guitar', '弹', '吉他'],
  ['the violin', '拉', '小提琴'],
  ['games', '玩', '游戏'],
];

/** "They played football in the park." → 他们在公园里踢了足球。 The verb follows the game. */
function play(r: Rng): Built | null {
  const [en, vz, oz] = r.pick(PLAYABLE);
  const v: Verb = {
    ...VERBS.find((x) => x.forms[0] === 'learn')!,
    forms: ['play', 'plays', 'played', 'playing'],
    zh: vz,
    res: vz,
    perf: `${vz}了`,
    can: '会',
  };
  const s = personSubj(r);
  const t = r.pick<Tense>(['pres', 'past', 'fut', 'prog', 'can', 'want']);
  if (r.chance(0.2)) {
    const q = questionVp(v, t, s, en, oz);
    return finish(q.en, q.zh, true);
  }
  const neg = t !== 'prog' && r.chance(0.2);
  const where = (t === 'past' || t === 'pres') && !neg && r.chance(0.3);
  if (where) {
    const y = findNoun(r.pick(['park', 'garden', 'yard', 'classroom', 'room', 'school']));
    const place = buildNP(y, 'the');
    const loc = locZh('in', place);
    return finish(
      words(s.en, vpEn(v, t, false, s), en, 'in', place.en),
      `${s.zh}在${loc}${vpZh(v, t, false, oz)}`,
    );
  }
  const time = timeFor(r, t, 0.35);
  return finish(
    words(s.en, vpEn(v, t, neg, s), en, time?.en),
    `${s.zh}${time?.zh ?? ''}${vpZh(v, t, neg, oz)}`,
  );
}

/** "The children played with the dog." → 孩子们和狗一起玩。 */
function playWith(r: Rng): Built | null {
  const s = personSubj(r);
  const pet = npFor(r, r.pick(ANIMALS.filter((a) => a.tags.includes('pet'))), 'def', { adjP: 0.2 });
  const o = r.chance(0.6) ? pet : personObj(r, s);
  const t = r.pick<'past' | 'fut' | 'pres' | 'want'>(['past', 'fut', 'pres', 'want']);
  const aux = t === 'fut' ? '会' : t === 'want' ? '想' : '';
  const vEn =
    t === 'past'
      ? 'played'
      : t === 'fut'
        ? 'will play'
        : t === 'want'
          ? `${isThirdSg(s) ? 'wants' : 'want'} to play`
          : isThirdSg(s)
            ? 'plays'
            : 'play';
  return finish(words(s.en, vEn, 'with', o.en), `${s.zh}${aux}和${o.zh}一起玩`);
}

const DESTINATIONS = [
  'park',
  'zoo',
  'school',
  'library',
  'hospital',
  'market',
  'shop',
  'beach',
  'city',
  'village',
  'farm',
  'museum',
  'restaurant',
  'station',
  'forest',
];
const TRANSPORT: readonly Phrase[] = [
  { en: 'by bus', zh: '坐公共汽车' },
  { en: 'by car', zh: '开车' },
  { en: 'by bike', zh: '骑自行车' },
  { en: 'by train', zh: '坐火车' },
];

/** "We went to the zoo by bus." → 我们坐公共汽车去了动物园。 */
function goTo(r: Rng): Built | null {
  const s = personSubj(r);
  const y = findNoun(r.pick(DESTINATIONS));
  const place = npFor(r, y, 'loc', { adjP: 0.1, dets: ['the'] });
  const k = r.int(8);
  if (k === 0)
    return finish(
      words('where did', s.en, 'go', timeFor(r, 'past', 0.5)?.en),
      `${s.zh}去了哪里`,
      true,
    );
  if (k === 1)
    return finish(words('did', s.en, 'go to', place.en), `${s.zh}去${place.zh}了吗`, true);
  if (k === 2) {
    // Purpose: "She went to the market to buy apples." → 她去市场买苹果了。
    const verbs = VERBS.filter((x) => x.locs.includes(y.en) && x.tenses.includes('pres'));
    if (verbs.length === 0) return null;
    const v = r.pick(verbs);
    const o = objectFor(r, v, 'pres', s);
    if (!o) return null;
    return finish(
      words(s.en, 'went to', place.en, 'to', v.forms[0], o.en),
      `${s.zh}去${place.zh}${vpZh(v, 'pres', false, o.zh)}了`,
    );
  }
  if (k === 3) {
    const past = r.chance(0.6);
    return finish(
      words(s.en, past ? 'went home' : 'will go home'),
      `${s.zh}${past ? '回家了' : '会回家'}`,
    );
  }
  const t = r.pick<'past' | 'fut' | 'pres' | 'want'>(['past', 'past', 'fut', 'pres', 'want']);
  const neg = r.chance(0.15);
  const by = r.chance(0.25) ? r.pick(TRANSPORT) : EMPTY;
  const time = timeFor(r, t === 'want' ? 'fut' : t, 0.4);
  let vEn: string;
  let vZh: string;
  if (t === 'past') {
    vEn = neg ? "didn't go" : 'went';
    vZh = neg ? `没有${by.zh}去${place.zh}` : `${by.zh}去了${place.zh}`;
  } else if (t === 'fut') {
    vEn = neg ? "won't go" : 'will go';
    vZh = `${neg ? '不会' : '会'}${by.zh}去${place.zh}`;
  } else if (t === 'want') {
    vEn = neg ? `${doAux(s)}n't want to go` : `${isThirdSg(s) ? 'wants' : 'want'} to go`;
    vZh = `${neg ? '不想' : '想'}${by.zh}去${place.zh}`;
  } else {
    vEn = neg ? `${doAux(s)}n't go` : isThirdSg(s) ? 'goes' : 'go';
    vZh = `${neg ? '不' : ''}${by.zh}去${place.zh}`;
  }
  return finish(
    words(s.en, vEn, 'to', place.en, by.en, time?.en),
    `${s.zh}${time?.zh ?? ''}${vZh}`,
  );
}

/** Short exclamations and greetings-like statements that keep 3-word sentences in the mix. */
function shortOnes(r: Rng): Built | null {
  const s = personSubj(r, 0.7);
  const k = r.int(3);
  if (k === 0) {
    const g = r.pick(BARE_GERUNDS);
    const [base, s3, zh] = r.pick(FEELINGS);
    return finish(words(s.en, isThirdSg(s) ? s3 : base, g.en), `${s.zh}${zh}${g.zh}`);
  }
  if (k === 1) {
    const a = r.pick(ADJECTIVES.filter((x) => x.tags.includes('person') && x.gradable));
    return finish(words(s.en, be(s), a.en), `${s.zh}很${a.pred}`);
  }
  // Without a place, a finished activity takes 了: "She swam yesterday." → 她昨天游泳了。
  const v = r.pick(IVERBS.filter((x) => x.people && !x.posture && x.forms[0] !== 'wait'));
  const past = r.chance(0.6);
  const time = timeFor(r, past ? 'past' : 'pres', 1);
  if (!time) return null;
  const vEn = past ? v.forms[2] : isThirdSg(s) ? v.forms[1] : v.forms[0];
  return finish(words(s.en, vEn, time.en), `${s.zh}${time.zh}${v.zh}${past ? '了' : ''}`);
}

/** "The cat under the table is black." → 桌子下的猫是黑色的。 */
function locatedSubject(r: Rng): Built | null {
  const x = r.pick(LOCATABLE);
  const loc = locationFor(r, x, ['in', 'on', 'under', 'near', 'next to', 'behind']);
  if (!loc) return null;
  const a = r.pickMaybe(adjsFor(x));
  if (!a) return null;
  const plural = !x.mass && r.chance(0.2);
  const p = predicate(r, a);
  const past = r.chance(0.2);
  const beWord = plural ? (past ? 'were' : 'are') : past ? 'was' : 'is';
  return finish(
    words('the', plural ? x.pl : x.en, loc.en, beWord, p.en),
    `${loc.zh}的${x.zh}${p.zh}`,
  );
}

interface Reaction {
  readonly adj: Phrase;
  /** Intransitive verbs that follow from the feeling; 'eat' means a food object. */
  readonly verbs: readonly string[];
}

const REACTIONS: readonly Reaction[] = [
  { adj: { en: 'tired', zh: '累' }, verbs: ['sleep', 'sit', 'lie'] },
  { adj: { en: 'happy', zh: '开心' }, verbs: ['sing', 'dance', 'play'] },
  { adj: { en: 'sad', zh: '难过' }, verbs: ['cry', 'walk'] },
  { adj: { en: 'hungry', zh: '饿' }, verbs: ['eat'] },
  { adj: { en: 'bored', zh: '无聊' }, verbs: ['walk', 'run', 'play'] },
];

/** "My sister was very tired, so she slept on the sofa." → 我姐姐非常累，所以她在沙发上睡觉。 */
function soClause(r: Rng): Built | null {
  const s = personSubj(r, 0.3);
  const p = pronOf(s);
  const re = r.pick(REACTIONS);
  const very = r.chance(0.3);
  const base = r.pick(re.verbs);
  let tail: Built;
  if (base === 'eat') {
    const eat = VERBS.find((v) => v.forms[0] === 'eat');
    if (!eat) return null;
    const food = npFor(r, r.pick(FOODS.filter((f) => f.tags.includes('food'))), 'obj', {
      adjP: 0.2,
    });
    const place = r.pick(['kitchen', 'restaurant', 'garden', 'park']);
    const y = npFor(r, findNoun(place), 'loc', { adjP: 0, dets: ['the'] });
    tail = finish(
      words(p.en, 'ate', food.en, 'in', y.en),
      `${p.zh}在${locZh('in', y)}${vpZh(eat, 'past', false, food.zh)}`,
    );
  } else {
    const v = findIVerb(base);
    const me = { ...findNoun('friend'), size: 3 };
    const choices = v.places.flatMap(([prep, ys]) =>
      ys.map((y) => [prep, findNoun(y)] as const).filter(([pr, y]) => fitsAt(me, pr, y)),
    );
    const choice = r.pickMaybe(choices);
    if (!choice) return null;
    const place = npFor(r, choice[1], 'loc', { adjP: 0.15 });
    tail = intransitiveSentence(p, v, 'past', false, choice[0], place, timeFor(r, 'past', 0.2));
  }
  const tailEn = tail.en.slice(0, -1);
  const lowered = tailEn.startsWith('I ')
    ? tailEn
    : tailEn.charAt(0).toLowerCase() + tailEn.slice(1);
  return finish(
    words(s.en, be(s, true), very && 'very', `${re.adj.en},`, 'so', lowered),
    `${s.zh}${very ? '非常' : '很'}${re.adj.zh}，所以${tail.zh.slice(0, -1)}`,
  );
}

export const GENERAL_FAMILIES: readonly Family[] = [
  { name: 'svo', weight: 16, gen: svo },
  { name: 'svo-question', weight: 4, gen: svoQuestion },
  { name: 'wh-question', weight: 3, gen: whQuestion },
  { name: 'adj', weight: 6, gen: adjPredicate },
  { name: 'adj-question', weight: 1.5, gen: adjQuestion },
  { name: 'comparison', weight: 2, gen: comparison },
  { name: 'person-comparison', weight: 1, gen: personComparison },
  { name: 'location', weight: 4, gen: locationPredicate },
  { name: 'there-is', weight: 3, gen: thereIs },
  { name: 'intransitive', weight: 6, gen: intransitive },
  { name: 'live', weight: 1, gen: live },
  { name: 'action-place', weight: 3, gen: actionAtPlace },
  { name: 'likes-doing', weight: 3, gen: likesDoing },
  { name: 'possession', weight: 2, gen: possession },
  { name: 'what-colour', weight: 0.4, gen: whatColour },
  { name: 'how-many', weight: 0.4, gen: howMany },
  { name: 'because', weight: 2.5, gen: because },
  { name: 'didnt-because', weight: 2, gen: didntBecause },
  { name: 'but', weight: 2, gen: butClause },
  { name: 'and-then', weight: 1.5, gen: andThen },
  { name: 'reported', weight: 1.5, gen: reported },
  { name: 'imperative', weight: 2, gen: imperative },
  { name: 'ditransitive', weight: 2, gen: ditransitive },
  { name: 'put', weight: 2, gen: put },
  { name: 'play', weight: 2, gen: play },
  { name: 'play-with', weight: 0.7, gen: playWith },
  { name: 'go-to', weight: 2.5, gen: goTo },
  { name: 'short', weight: 1, gen: shortOnes },
  { name: 'located-subject', weight: 1.5, gen: locatedSubject },
  { name: 'so', weight: 2, gen: soClause },
];
