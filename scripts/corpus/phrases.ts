/**
 * Building blocks shared by all templates: noun phrases, subjects, agreement, verb phrases, and
 * the final assembly of a sentence pair. Each helper returns the English and the Chinese of the
 * same phrase together, so a template can never forget to translate a piece it added.
 */
import type { Rng } from './rng.ts';
import {
  ANIMALS,
  KIN,
  NAMES,
  NUMBERS,
  PEOPLE,
  adjsFor,
  type Adj,
  type Name,
  type Noun,
  type Prep,
  type Tense,
  type Verb,
} from './lexicon.ts';

export interface Phrase {
  readonly en: string;
  readonly zh: string;
}

export interface NP extends Phrase {
  /** Chinese under negation or in a yes/no question: "a dog" → 狗 rather than 一只狗. */
  readonly zhNeg: string;
  readonly plural: boolean;
  readonly noun: Noun;
}

export interface Owner {
  readonly en: string;
  readonly zh: string;
  /** Pronoun owners drop 的 before kinship nouns (我妈妈); names keep it (汤姆的妈妈). */
  readonly pronoun: boolean;
}

export const PRONOUN_OWNERS: readonly Owner[] = [
  { en: 'my', zh: '我', pronoun: true },
  { en: 'your', zh: '你', pronoun: true },
  { en: 'his', zh: '他', pronoun: true },
  { en: 'her', zh: '她', pronoun: true },
  { en: 'our', zh: '我们', pronoun: true },
  { en: 'their', zh: '他们', pronoun: true },
];

export function nameOwner(n: Name): Owner {
  return { en: `${n.en}'s`, zh: n.zh, pronoun: false };
}

/** Mostly pronouns, sometimes a name ("Tom's"). */
export function randomOwner(r: Rng): Owner {
  return r.chance(0.8) ? r.pick(PRONOUN_OWNERS) : nameOwner(r.pick(NAMES));
}

export type Det =
  | 'the'
  | 'a'
  | 'this'
  | 'that'
  | 'poss'
  | 'num'
  | 'some'
  | 'many'
  | 'these'
  | 'those'
  | 'thepl'
  | 'posspl'
  | 'pl';

const PLURAL_DETS: ReadonlySet<Det> = new Set<Det>([
  'num',
  'some',
  'many',
  'these',
  'those',
  'thepl',
  'posspl',
  'pl',
]);

export function aOrAn(next: string): string {
  return /^[aeiou]/i.test(next) ? 'an' : 'a';
}

export function words(...parts: (string | false | undefined | null)[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p.length > 0).join(' ');
}

/** Whether `det` can go with `n` (mass nouns have no "a", kin nouns need an owner …). */
export function detFits(n: Noun, det: Det): boolean {
  if (n.kin) return det === 'poss';
  if (n.bare) return det === 'pl';
  if (!n.ownable && (det === 'poss' || det === 'posspl')) return false;
  if (n.mass) return det === 'the' || det === 'poss' || det === 'some' || det === 'pl';
  if (n.plOnly) return det === 'thepl' || det === 'posspl' || det === 'pl' || det === 'some';
  return true;
}

export interface NPOpts {
  readonly adj?: Adj;
  readonly owner?: Owner;
  readonly num?: readonly [string, string];
}

/** One noun phrase in both languages. Throws if `det` does not fit the noun. */
export function buildNP(n: Noun, det: Det, o: NPOpts = {}): NP {
  if (!detFits(n, det)) throw new Error(`det ${det} does not fit ${n.en}`);
  const plural = PLURAL_DETS.has(det) || n.plOnly;
  const head = plural && !n.mass ? n.pl : n.en;
  const a = o.adj;
  const enHead = words(a?.en, head);
  const zhHead = (a?.attr ?? '') + n.zh;
  const men = n.human && !a ? '们' : '';
  const owner = o.owner;
  const num = o.num ?? NUMBERS[0]!;
  const possZh = owner ? owner.zh + (n.kin && owner.pronoun && !a ? '' : '的') : '';
  let en: string;
  let zh: string;
  let zhNeg: string | undefined;
  switch (det) {
    case 'the':
      en = words('the', enHead);
      zh = zhHead;
      break;
    case 'a':
      en = words(aOrAn(enHead), enHead);
      zh = `一${n.cl}${zhHead}`;
      zhNeg = zhHead;
      break;
    case 'this':
      en = words('this', enHead);
      zh = `这${n.cl}${zhHead}`;
      break;
    case 'that':
      en = words('that', enHead);
      zh = `那${n.cl}${zhHead}`;
      break;
    case 'poss':
      if (!owner) throw new Error('poss needs an owner');
      en = words(owner.en, enHead);
      zh = possZh + zhHead;
      break;
    case 'posspl':
      if (!owner) throw new Error('posspl needs an owner');
      en = words(owner.en, enHead);
      zh = possZh + zhHead + men;
      break;
    case 'num':
      en = words(num[0], enHead);
      zh = `${num[1]}${n.cl}${zhHead}`;
      break;
    case 'some':
      en = words('some', enHead);
      zh = `一些${zhHead}`;
      break;
    case 'many':
      en = words('many', enHead);
      zh = `很多${zhHead}`;
      break;
    case 'these':
      en = words('these', enHead);
      zh = `这些${zhHead}`;
      break;
    case 'those':
      en = words('those', enHead);
      zh = `那些${zhHead}`;
      break;
    case 'thepl':
      en = words('the', enHead);
      zh = zhHead + men;
      break;
    case 'pl':
      en = enHead;
      zh = zhHead;
      break;
  }
  return { en, zh, zhNeg: zhNeg ?? zh, plural, noun: n };
}

/** An adjective for `n` (or none), optionally avoiding 的-adjectives after a possessor. */
export function maybeAdj(r: Rng, n: Noun, p: number, plainOnly = false): Adj | undefined {
  if (!r.chance(p)) return undefined;
  const options = adjsFor(n).filter(
    (a) => a.attr !== undefined && (!plainOnly || !a.attr.endsWith('的')),
  );
  return options.length > 0 ? r.pick(options) : undefined;
}

export type NPRole = 'subj' | 'obj' | 'objPres' | 'loc' | 'def';

const DET_WEIGHTS: Record<NPRole, readonly (readonly [Det, number])[]> = {
  subj: [
    ['the', 8],
    ['a', 0.5],
    ['poss', 4],
    ['this', 1],
    ['that', 1],
    ['thepl', 3],
    ['posspl', 1],
    ['num', 1],
    ['these', 0.5],
    ['pl', 1],
  ],
  obj: [
    ['the', 6],
    ['a', 6],
    ['poss', 3],
    ['this', 1],
    ['that', 1],
    ['num', 2],
    ['some', 1.5],
    ['many', 0.5],
    ['these', 0.5],
    ['those', 0.5],
    ['thepl', 1],
    ['posspl', 1],
    ['pl', 1],
  ],
  // The present simple reads as a habit, so no "a X": "I eat apples", "She likes the dog".
  objPres: [
    ['the', 4],
    ['poss', 3],
    ['this', 1],
    ['that', 1],
    ['these', 0.5],
    ['those', 0.5],
    ['thepl', 1],
    ['posspl', 1],
    ['pl', 6],
  ],
  loc: [
    ['the', 10],
    ['poss', 2],
    ['this', 0.5],
    ['that', 0.5],
  ],
  def: [
    ['the', 8],
    ['poss', 3],
    ['this', 1],
    ['that', 1],
    ['thepl', 1],
    ['posspl', 1],
  ],
};

/** A random noun phrase for `n` in the given role. */
export function npFor(
  r: Rng,
  n: Noun,
  role: NPRole,
  o: { adjP?: number; owner?: Owner; dets?: readonly Det[] } = {},
): NP {
  let options = DET_WEIGHTS[role].filter(([d]) => detFits(n, d) && (!o.dets || o.dets.includes(d)));
  if (options.length === 0) options = [[n.kin ? 'poss' : n.plOnly || n.bare ? 'pl' : 'the', 1]];
  const det = r.weighted(options);
  const possessive = det === 'poss' || det === 'posspl';
  const owner = possessive ? (o.owner ?? randomOwner(r)) : undefined;
  const adjective = n.kin ? undefined : maybeAdj(r, n, o.adjP ?? 0.25, possessive);
  return buildNP(n, det, {
    ...(adjective ? { adj: adjective } : {}),
    ...(owner ? { owner } : {}),
    num: r.pick(NUMBERS),
  });
}

// ---------------------------------------------------------------------------------------------
// Subjects and agreement

export interface Subj extends Phrase {
  readonly p: 1 | 2 | 3;
  readonly pl: boolean;
  readonly g: 'm' | 'f' | 'n';
  readonly kind: 'person' | 'animal';
  readonly pronoun: boolean;
  readonly noun?: Noun;
}

export const SUBJ_PRONOUNS: readonly Subj[] = [
  { en: 'I', zh: '我', p: 1, pl: false, g: 'n', kind: 'person', pronoun: true },
  { en: 'you', zh: '你', p: 2, pl: false, g: 'n', kind: 'person', pronoun: true },
  { en: 'he', zh: '他', p: 3, pl: false, g: 'm', kind: 'person', pronoun: true },
  { en: 'she', zh: '她', p: 3, pl: false, g: 'f', kind: 'person', pronoun: true },
  { en: 'we', zh: '我们', p: 1, pl: true, g: 'n', kind: 'person', pronoun: true },
  { en: 'they', zh: '他们', p: 3, pl: true, g: 'n', kind: 'person', pronoun: true },
];

export function nameSubj(n: Name): Subj {
  return { en: n.en, zh: n.zh, p: 3, pl: false, g: n.g, kind: 'person', pronoun: false };
}

export function npSubj(r: Rng, np: NP): Subj {
  const n = np.noun;
  const g = np.plural ? 'n' : (n.gender ?? (n.human ? r.pick(['m', 'f'] as const) : 'n'));
  return {
    en: np.en,
    zh: np.zh,
    p: 3,
    pl: np.plural,
    g,
    kind: n.human ? 'person' : 'animal',
    pronoun: false,
    noun: n,
  };
}

/** A person: pronoun, name, "the teacher", "my mother", "Tom and Anna" … */
export function personSubj(r: Rng, pronounP = 0.35): Subj {
  const x = r.float();
  if (x < pronounP) return r.pick(SUBJ_PRONOUNS);
  if (x < pronounP + 0.25) return nameSubj(r.pick(NAMES));
  if (x < pronounP + 0.3) {
    const a = r.pick(NAMES);
    let b = r.pick(NAMES);
    if (b === a) b = NAMES[(NAMES.indexOf(a) + 1) % NAMES.length]!;
    return {
      en: `${a.en} and ${b.en}`,
      zh: `${a.zh}和${b.zh}`,
      p: 3,
      pl: true,
      g: 'n',
      kind: 'person',
      pronoun: false,
    };
  }
  const n = r.chance(0.3) ? r.pick(KIN) : r.pick(PEOPLE);
  // No bare "Singers …" or "A driver …": people are definite, owned or counted.
  const dets: readonly Det[] = ['the', 'poss', 'this', 'that', 'thepl', 'posspl', 'num'];
  return npSubj(r, npFor(r, n, 'subj', { adjP: 0.15, dets }));
}

export function animalSubj(r: Rng, pool: readonly Noun[] = ANIMALS): Subj {
  return npSubj(r, npFor(r, r.pick(pool), 'subj', { adjP: 0.2 }));
}

export function isThirdSg(s: Subj): boolean {
  return s.p === 3 && !s.pl;
}

export function be(s: Subj, past = false): string {
  if (past) return s.p === 1 && !s.pl ? 'was' : isThirdSg(s) ? 'was' : 'were';
  if (s.p === 1 && !s.pl) return 'am';
  return isThirdSg(s) ? 'is' : 'are';
}

export function doAux(s: Subj): string {
  return isThirdSg(s) ? 'does' : 'do';
}

/** The subject's possessive: "Tom" → his/他, "the girls" → their/他们. */
export function possOf(s: Subj): Owner {
  if (s.pronoun) {
    const i = SUBJ_PRONOUNS.findIndex((x) => x.en === s.en);
    const o = PRONOUN_OWNERS[i];
    if (o) return o;
  }
  if (s.pl) return { en: 'their', zh: s.kind === 'animal' ? '它们' : '他们', pronoun: true };
  if (s.kind === 'animal') return { en: 'its', zh: '它', pronoun: true };
  return s.g === 'f' ? PRONOUN_OWNERS[3]! : PRONOUN_OWNERS[2]!;
}

/** The subject pronoun that refers back to `s`: "Anna" → she/她. */
export function pronOf(s: Subj): Subj {
  if (s.pronoun) return s;
  if (s.pl) return { ...SUBJ_PRONOUNS[5]!, ...(s.kind === 'animal' ? { zh: '它们' } : {}) };
  if (s.kind === 'animal') {
    return { en: 'it', zh: '它', p: 3, pl: false, g: 'n', kind: 'animal', pronoun: true };
  }
  return s.g === 'f' ? SUBJ_PRONOUNS[3]! : SUBJ_PRONOUNS[2]!;
}

/** Object pronouns, with the subject pronouns they would clash with ("we helped me"). */
export const OBJ_PRONOUNS: readonly (Phrase & { clash: readonly string[] })[] = [
  { en: 'me', zh: '我', clash: ['I', 'we'] },
  { en: 'you', zh: '你', clash: ['you'] },
  { en: 'him', zh: '他', clash: ['he', 'they'] },
  { en: 'her', zh: '她', clash: ['she', 'they'] },
  { en: 'us', zh: '我们', clash: ['I', 'we'] },
  { en: 'them', zh: '他们', clash: ['they', 'he', 'she'] },
];

/** A person as an object; never the subject's own pronoun ("I helped me"). */
export function personObj(r: Rng, subj?: Subj): Phrase {
  const x = r.float();
  if (x < 0.3) {
    const options = OBJ_PRONOUNS.filter((o) => !subj || !o.clash.includes(subj.en));
    const o = r.pick(options);
    return { en: o.en, zh: o.zh };
  }
  if (x < 0.55) {
    const n = r.pick(NAMES);
    return n.en === subj?.en ? { en: 'the teacher', zh: '老师' } : { en: n.en, zh: n.zh };
  }
  const n = r.chance(0.4) ? r.pick(KIN) : r.pick(PEOPLE);
  const np = npFor(r, n, 'def', { adjP: 0.1 });
  return { en: np.en, zh: np.zh };
}

// ---------------------------------------------------------------------------------------------
// Verb phrases

/** English verb group before the object, e.g. "didn't eat", "is eating", "wants to eat". */
export function vpEn(v: Verb, t: Tense, neg: boolean, s: Subj): string {
  const [base, s3, past, ing] = v.forms;
  const third = isThirdSg(s);
  switch (t) {
    case 'pres':
      return neg ? `${doAux(s)}n't ${base}` : third ? s3 : base;
    case 'past':
      return neg ? `didn't ${base}` : past;
    case 'fut':
      return neg ? `won't ${base}` : `will ${base}`;
    case 'prog':
      return `${be(s)} ${ing}`;
    case 'can':
      return neg ? `can't ${base}` : `can ${base}`;
    case 'want':
      return neg ? `${doAux(s)}n't want to ${base}` : `${third ? 'wants' : 'want'} to ${base}`;
  }
}

/** Chinese verb phrase with its object in place: 吃了一个苹果, 没有看见狗, 给妈妈打了电话 … */
export function vpZh(v: Verb, t: Tense, neg: boolean, obj: string): string {
  const frame = v.frame ?? ((o: string, x: string) => x + o);
  switch (t) {
    case 'pres':
      return (neg ? v.negPres : '') + frame(obj, v.zh);
    case 'past':
      return neg ? `没有${frame(obj, v.res)}` : frame(obj, v.perf);
    case 'fut':
      return (neg ? '不会' : '会') + frame(obj, v.zh);
    case 'prog':
      return `正在${frame(obj, v.zh)}`;
    case 'can':
      return (neg ? '不' : '') + v.can + frame(obj, v.zh);
    case 'want':
      return (neg ? '不想' : '想') + frame(obj, v.zh);
  }
}

/** The Chinese verb with its object in place, for callers that add their own auxiliaries. */
export function frameZh(v: Verb, obj: string, verbForm: string): string {
  return v.frame ? v.frame(obj, verbForm) : verbForm + obj;
}

/** Question: English word order "Did you eat …", Chinese statement + 吗 (did → …了吗). */
export function questionVp(
  v: Verb,
  t: Tense,
  s: Subj,
  objEn: string,
  objZh: string,
): { en: string; zh: string } {
  const [base, , , ing] = v.forms;
  const frame = v.frame ?? ((o: string, x: string) => x + o);
  switch (t) {
    case 'pres':
      return { en: words(doAux(s), s.en, base, objEn), zh: `${s.zh}${frame(objZh, v.zh)}吗` };
    case 'past':
      return { en: words('did', s.en, base, objEn), zh: `${s.zh}${frame(objZh, v.res)}了吗` };
    case 'fut':
      return { en: words('will', s.en, base, objEn), zh: `${s.zh}会${frame(objZh, v.zh)}吗` };
    case 'prog':
      return { en: words(be(s), s.en, ing, objEn), zh: `${s.zh}正在${frame(objZh, v.zh)}吗` };
    case 'can':
      return { en: words('can', s.en, base, objEn), zh: `${s.zh}${v.can}${frame(objZh, v.zh)}吗` };
    case 'want':
      return {
        en: words(doAux(s), s.en, 'want to', base, objEn),
        zh: `${s.zh}想${frame(objZh, v.zh)}吗`,
      };
  }
}

// ---------------------------------------------------------------------------------------------
// Locations

/** Chinese locative for "PREP the Y": 在 is added by the caller. */
export function locZh(prep: Prep, y: NP): string {
  switch (prep) {
    case 'on':
      return `${y.zh}上`;
    case 'in':
      return y.zh + y.noun.inZh;
    case 'under':
      return `${y.zh}下`;
    case 'near':
      return `${y.zh}附近`;
    case 'next to':
      return `${y.zh}旁边`;
    case 'behind':
      return `${y.zh}后面`;
    case 'in front of':
      return `${y.zh}前面`;
    case 'at':
      return y.zh;
  }
}

/** Whether X can plausibly be PREP Y (a cat under a table, not a car in a box). */
export function fitsAt(x: Noun, prep: Prep, y: Noun): boolean {
  if (x === y || !y.preps.includes(prep)) return false;
  // Keep furniture indoors and deer outdoors; inside a building counts as indoors.
  const yZone = y.zone === 'building' ? (prep === 'in' || prep === 'at' ? 'in' : 'out') : y.zone;
  const xZone = x.zone === 'building' ? 'out' : x.zone;
  if (xZone !== 'any' && yZone !== 'any' && xZone !== yZone) return false;
  const nextTo = prep !== 'in' && prep !== 'on' && prep !== 'under' && prep !== 'at';
  // Buildings are only ever next to things; boats stay on water, planes in the sky or parked.
  if (x.tags.includes('building') && !nextTo) return false;
  if (x.en === 'boat' && !y.tags.includes('water') && !(y.en === 'bridge' && prep === 'under')) {
    return false;
  }
  if (x.en === 'plane' && y.en !== 'sky' && !nextTo) return false;
  // Vehicles stand on roads, in yards and next to buildings, not in zoos.
  if (x.tags.includes('vehicle') && x.en !== 'boat' && x.en !== 'plane') {
    const road = y.tags.includes('way') || ['yard', 'bridge'].includes(y.en);
    if (!road && !(y.zone === 'building' && prep !== 'in' && prep !== 'at')) return false;
  }
  if (y.tags.includes('water')) return x.tags.includes('aquatic') || x.human || x.en === 'boat';
  if (y.en === 'sky') return x.tags.includes('flyer') || x.en === 'plane';
  // Big size gaps read oddly ("the pencil is in the city"), so keep X and Y roughly in scale.
  if (prep === 'on') return x.size <= y.onMax && y.size - x.size <= 5;
  if (prep === 'in' || prep === 'under') return x.size < y.size && y.size - x.size <= 5;
  return x.size <= y.size + 1 && y.size - x.size <= 4;
}

// ---------------------------------------------------------------------------------------------
// Sentence assembly

export interface AmbiguityTag {
  /** The ambiguous English word as written in the sentence (lowercase). */
  readonly word: string;
  /** Sense id, e.g. "finance" or "river" for bank. */
  readonly sense: string;
  /** Its Chinese rendering in this sentence. */
  readonly chinese: string;
  /** The English context word (lowercase, as written) that decides the sense. */
  readonly cue: string;
}

export interface Built {
  readonly en: string;
  readonly zh: string;
  readonly ambiguous?: readonly AmbiguityTag[];
  readonly pronoun?: { readonly referent: string };
}

/** Capitalises, tidies spaces and adds the final punctuation in both languages. */
export function finish(
  en: string,
  zh: string,
  question = false,
  extra: Partial<Built> = {},
): Built {
  const body = en.replace(/\s+/g, ' ').replace(/ ,/g, ',').trim();
  return {
    en: body.charAt(0).toUpperCase() + body.slice(1) + (question ? '?' : '.'),
    zh: zh + (question ? '？' : '。'),
    ...extra,
  };
}
