// Name pools for synthetic people: the listed names of name-frequencies.ts with their frequencies, plus a synthesised
// long tail of rarer names for each naming tradition, so that (as in reality) most surnames in a million records are
// rare and a good share of people have a name nobody else in the records has.
//
// Tail model: for each pool the mass not covered by listed names is split over four bands of tail names
// (TAIL_BANDS): for surnames 35% of the tail mass on names about as common as the pool's rarest listed names, then 30%,
// 20% and 15% on names 5, 30 and 200 times rarer (given names are more concentrated: 55/30/10/5%). The bands stand for
// a Zipf-like tail: ranks ~500–1,500, ~1,500–6,000, ~6,000–25,000, and the very long tail of names borne by a handful
// of people. Tail names are, in order: real rarer names (tail-names.ts), spelling variants of listed names (British
// pools), then names built from each tradition's syllables. `tailProfile()` reports the people-weighted geometric
// mean frequency of the tail, which is what UNLISTED_*_PER_MILLION should approximate.

import {
  givenNames,
  surnames,
  type GivenNameEntry,
  type NameOrigin,
  type SurnameEntry,
} from '../../../apps/records/src/matching/reference/name-frequencies.ts'
import { AliasTable, WeightedChoice, mix32, type Random } from './random.ts'
import { RARER_GIVEN_NAMES, RARER_SURNAMES } from './tail-names.ts'
import { capitalise, hasNonAscii, nameKey } from './text.ts'

export type Sex = 'female' | 'male'

/** A name as written on a record (`display`) and its normalised table key. */
export type NameForm = { readonly display: string; readonly key: string; readonly listed: boolean; readonly nonAscii: boolean }

export const NAME_ORIGINS: readonly NameOrigin[] = [
  'british', 'arabic', 'indic', 'sikh', 'west-african', 'polish', 'east-european', 'mediterranean', 'east-asian',
]

/** Share of working-age adults in England and Wales whose surname follows each naming tradition (sums to 1). */
export const ORIGIN_SHARES: Readonly<Record<NameOrigin, number>> = {
  british: 0.838,
  arabic: 0.05,
  indic: 0.022,
  sikh: 0.012,
  'west-african': 0.02,
  polish: 0.016,
  'east-european': 0.012,
  mediterranean: 0.018,
  'east-asian': 0.012,
}

/** Share of people of each tradition whose given names come from the British pool (Grace Okafor, Daniel Wong). */
export const BRITISH_GIVEN_NAME_SHARE: Readonly<Record<NameOrigin, number>> = {
  british: 1,
  arabic: 0.08,
  indic: 0.2,
  sikh: 0.1,
  'west-african': 0.45,
  polish: 0.15,
  'east-european': 0.2,
  mediterranean: 0.4,
  'east-asian': 0.7,
}

/** Frequency (per million people) of the commonest synthetic tail names of each pool. */
const TAIL_HEAD_PER_MILLION: Readonly<Record<'surname' | 'given', Readonly<Record<NameOrigin, number>>>> = {
  surname: {
    british: 180, arabic: 60, indic: 40, sikh: 40, 'west-african': 25, polish: 6, 'east-european': 6,
    mediterranean: 12, 'east-asian': 40,
  },
  given: {
    british: 250, arabic: 60, indic: 40, sikh: 40, 'west-african': 25, polish: 15, 'east-european': 10,
    mediterranean: 20, 'east-asian': 15,
  },
}

type TailShape = readonly { readonly massShare: number; readonly relativeFrequency: number }[]

export const TAIL_BANDS: Readonly<Record<'surname' | 'given', TailShape>> = {
  surname: [
    { massShare: 0.35, relativeFrequency: 1 },
    { massShare: 0.3, relativeFrequency: 1 / 5 },
    { massShare: 0.2, relativeFrequency: 1 / 30 },
    { massShare: 0.15, relativeFrequency: 1 / 200 },
  ],
  // Given names are more concentrated: most people outside the table have a real, merely less common name.
  given: [
    { massShare: 0.55, relativeFrequency: 1 },
    { massShare: 0.3, relativeFrequency: 1 / 5 },
    { massShare: 0.1, relativeFrequency: 1 / 30 },
    { massShare: 0.05, relativeFrequency: 1 / 200 },
  ],
}

// ---------------------------------------------------------------------------------------------------------------
// Display forms of listed names

const APOSTROPHE_NAMES: Record<string, string> = {
  obrien: "O'Brien", oconnor: "O'Connor", oneill: "O'Neill", osullivan: "O'Sullivan", dsouza: "D'Souza",
}

/** Accented spellings of listed names; a record uses them for some people of the tradition (see ACCENT_KEPT). */
export const ACCENTED_FORMS: Readonly<Record<string, string>> = {
  zoe: 'Zoë', chloe: 'Chloë', sian: 'Siân', sinead: 'Sinéad', siobhan: 'Siobhán', jose: 'José', joao: 'João',
  luis: 'Luís', ayse: 'Ayşe', malgorzata: 'Małgorzata', lukasz: 'Łukasz', pawel: 'Paweł', michal: 'Michał',
  rafal: 'Rafał', tomas: 'Tomáš', lukas: 'Lukáš', stefan: 'Ştefan', wojcik: 'Wójcik', wozniak: 'Woźniak', krol: 'Król',
  zajac: 'Zając', wrobel: 'Wróbel', wisniewski: 'Wiśniewski', wisniewska: 'Wiśniewska', kaminski: 'Kamiński',
  kaminska: 'Kamińska', zielinski: 'Zieliński', zielinska: 'Zielińska', szymanski: 'Szymański',
  szymanska: 'Szymańska', dabrowski: 'Dąbrowski', dabrowska: 'Dąbrowska', kozlowski: 'Kozłowski',
  kozlowska: 'Kozłowska', martinez: 'Martínez', lopez: 'López', gonzalez: 'González', garcia: 'García',
  yilmaz: 'Yılmaz',
}

/** Probability that a record keeps the accents of a name that has them, by tradition. */
export const ACCENT_KEPT: Readonly<Record<NameOrigin, number>> = {
  british: 0.25, arabic: 0.5, indic: 0.5, sikh: 0.5, 'west-african': 0.5, polish: 0.6, 'east-european': 0.5,
  mediterranean: 0.55, 'east-asian': 0.5,
}

export function displayListedName(key: string): string {
  const special = APOSTROPHE_NAMES[key]
  if (special) return special
  if (key.startsWith('mc') && key.length > 3) return `Mc${capitalise(key.slice(2))}`
  return capitalise(key)
}

// ---------------------------------------------------------------------------------------------------------------
// Synthetic tail names: each tradition has syllable inventories; a name is one element of each part list.

type Pattern = { readonly parts: readonly (readonly string[])[]; readonly render?: (joined: string) => string }

function words(text: string): readonly string[] {
  return [...new Set(text.trim().split(/\s+/).map((word) => (word === '-' ? '' : word)))]
}

const asWritten = (joined: string): string => joined
const real = (names: readonly string[]): Pattern => ({ parts: [names], render: asWritten })

const upperFirst = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)
const mcName = (joined: string): string => `Mc${upperFirst(joined.slice(2))}`
const macName = (joined: string): string => `Mac${upperFirst(joined.slice(3))}`
const oName = (joined: string): string => `O'${upperFirst(joined.slice(1))}`

const BRITISH_ROOTS = words(`
  ash ack alder ap ark arn ather bab back bag bain bal bam ban bar bark barn bask bat bax beck bed bel ben ber bex
  bick bil bing birk blan bled blox bold bon bos bot bow brad bram bran bray brent brid brig brin brom brook brough
  buck bud bur cal cam can car cas cat chad chal char chat ches chil chip chis clap clay clif cob cod col cot crab
  cran cres crom cud dal dan dar daw den der dod dol don dor dray drin dud dun dur ed eg el elm elt en es ever ex
  fair fal far farn fen fern fil fin flam fol fos fother fran frod ful gad gar gat gid gil glad glan glos god gold
  gos grav gres grim gun had hal ham han har hat hav haw hax hay hed hel hem hen hep her hes hew hig hil hin hod hol
  hor hud hux ick il ink kel ken ket kid kil kim kin kings kirk knap lad lam lang lap lat lax led len lev lid lin
  lith lock lod lud lul lyd mal man mar mat mel mer mid mil min mob mor mot nap ned new nor not oak ock ord os ot ox
  pad pal pan par pat pem pen per pick pil pin pock pol pud rad ram rat rav red ren rid rip rod rom ros row rud rush
  ryl sal sam san sand sax scar sed sel shap shel sher shil shot sid sil skel slad sned sod som sop stam stan stap
  stock stow strat sud sun sut swin tad tam tat ted tem ten thack thor thorn til tim tod tol tot tow tre trem tun
  twy ud ul up wad wal wan war wat wed wel wen west wex whit wick wil win wit wol wor wrex yar yat yel
`)
const BRITISH_SUFFIXES = words(`
  worth ton ley field by combe ham ford wood well more shaw hurst dale ridge stone wick bury croft thwaite hill land
  stead bridge brook cliffe don den low man er ing ington borough hall house gate wright ward ell kin kins son cock
  ett ock ey ings sley ston hope thorpe holme lock mere wynn oft stock
`)
const BRITISH_LINKS = words('ber der en er ing ling mer ner ter')
const BRITISH_STRONG_SUFFIXES = words(`
  ton ley field ford ham worth by well combe shaw hurst dale ridge stone wick bury croft hill land stead bridge brook
  don den
`)
const GAELIC_MC = words(`
  mcallister mcardle mcbride mccabe mccann mcclean mccormack mccullough mcdermott mcdougall mcdowell mcelroy mcewan
  mcfadden mcgill mcgowan mcgregor mcguinness mcintosh mcintyre mciver mckay mckee mckenna mckinnon mclaren mclean
  mcleod mcmahon mcmanus mcmillan mcnamara mcnally mcneil mcpherson mcquade mcqueen mcrae mcshane mcsweeney
  mctavish mcvey mcwhirter mcgarry mckeown mcconnell mcgovern mcateer mcauley mcnulty mcfarlane mcgeown
`)
const GAELIC_MAC = words(`
  macaulay macbeth maccallum macdougall macfarlane macgregor macinnes macintyre maciver mackay mackinnon maclean
  macleod macmillan macnab macneil macpherson macrae
`)
const GAELIC_O = words(`
  ogorman ohagan ohare odea okeefe oleary omahony omalley omeara orourke oshea otoole oconnell odowd odriscoll
  oflaherty ogara ogrady ohalloran ohanlon okane omara oregan oriordan oshaughnessy ocallaghan ocarroll odwyer
  ofarrell ohara oloughlin odonnell oreilly omeara okelly
`)

const ARABIC_ONSETS = words('b d f gh h j k kh l m n q r s sh t w y z')
const ARABIC_VOWELS = words('a aa ee i u oo ai')
const ARABIC_CODAS = words(`
  fiq hid jid lik fi ni ri di heem meed shid beer deem neem seem leem zaq tif bir sir mal bar zad qar bal har ran wan
  man dar war qib sim lim
`)
const ARABIC_COMPOUND_ENDS = words('ullah uddin i ani zai ali')
const ARABIC_FEMALE_ENDS = words('a ah een ina eena ia ima ra na ya ira eela ara')
const ARABIC_MALE_ENDS = words('id an ar im ir eel ad ood ib if eem ul uf ees at')

const INDIC_ONSETS = words('bh ch d g j k m n p r s sh t v y ag am an ar kh th dh h l')
const INDIC_VOWELS = words('a e i o u aa')
const INDIC_SURNAME_ENDS = words('ani ia wal wala kar ria dia ada pal ra hi ji ya nath iya ande ekar agi ela ari aiya hu ri')
const INDIC_GIVEN_STEMS = words('ak an bh ch d h j k kam kir m man n nir p pr pri r ram ras s san sar sh sun sur v vij y')
const INDIC_GIVEN_VOWELS = words('a e i ee u aa')
const INDIC_FEMALE_ENDS = words('ta ka ni sha li ya na ti shree vi ja mala lata nti la')
const INDIC_MALE_ENDS = words('sh nt v l n sh t raj y ndra kash deep l k nth sh nder resh')

const SIKH_SURNAME_ONSETS = words('dh gr s b j k ch m r t bh gh p h n l d g')
const SIKH_SURNAME_VOWELS = words('a i o u e aa')
const SIKH_SURNAME_ENDS = words('liwal hal ra hu ota ar al i er ana ia nder wal sra tal ha gal eja ri')
const SIKH_GIVEN_STARTS = words(`
  har gur jas man aman bal kul par raj sukh nav ran dal hard lakh tar sim kir ish inder bhup char jag kam rav sat
  amar dil gag jot pav ram rup sar tej
`)
const SIKH_FEMALE_ENDS = words('preet deep jit winder leen meet jot want dip vinder pal neet')
const SIKH_MALE_ENDS = words('preet deep jit winder vir bir want inder pal meet jot dev dip jeet bans')

const YORUBA_STARTS = words('ade ola olu oluwa ayo bol fol ogun oye aki abi bab dam ife seg tob yem kay aji ala awo ogb ode osun ojo')
const YORUBA_LINKS = words('- wa ba de ka mi ye tu ro lo')
const YORUBA_ENDS = words('yemi wale dipo tunde sola lade bayo mide fisayo kunle seun tola nike bunmi fola ji ju lu bi ye fe nle')
const IGBO_STARTS = words('ch ok nw ez ob on ud ik ug az ag an ib ny ow em')
const IGBO_VOWELS = words('a e i o u')
const IGBO_ENDS = words('chukwu wu ike eke afor onkwo ezie oma nna nye gwu ani uzo ebo oro adi ah')
const AKAN_STARTS = words('ow ag as ap ad bo da kw ny os af am an ob ofo oti sar yeb bon dan')
const AKAN_ENDS = words('usu yei ante piah do teng kwa mah sah fo kye nteng bour tey ame ko su')
const YORUBA_GIVEN_STARTS = words('ade ola olu oluwa ayo ife abi bola fola omo tito yewa')
const WEST_AFRICAN_FEMALE = words('funmi kemi tola nike bunmi sola toyin yinka wumi lola dunni sade ayo')
const IGBO_FEMALE_STARTS = words('chi ada ngo ifeo nne uche ebere nke ama obi')
const IGBO_FEMALE_ENDS = words('oma eze chi ka nna che ma dinma ara')
const WEST_AFRICAN_MALE = words('tunde wale dele kunle segun gbenga yinka seun femi tayo dayo bayo jide lanre')
const IGBO_MALE_STARTS = words('chi obi ike emeka uche chuk nna ebu')
const IGBO_MALE_ENDS = words('nedu nna ka wudi ma ebuka dike zie')

const POLISH_ONSETS = words(`
  kow now wiś zal prz szcz grab kra mal sob wal jas dom bor cie gór kub lis ros pio mich sta tom wil zaw bie chm dud
  fal gaw jur kot lew maz nie ork pał rut sik tar wró bar bed bog cho dąb gol jag kacz kol kos kuch lub mar mat mil
  mrocz nog ols pas pet rad rog rym sad sem śli smol szym tyl urb wach wit żak żyl
`)
const POLISH_MIDS = words('- ow al an er el ic in ar ol ew ach isz usz')
const POLISH_SURNAME_ENDS = words('ski cki czyk ak ek ik owicz ewicz iak uk ka la ec')
const SLAVIC_FIRST = words('Bogu Bo Bro Czes Dobro Jaro Lubo Ludo Miro Mści Rado Sła Stani Świę Wie Wło Zdzi Zbi Przemy Wito Bole Sobie Dzier Ve Vla')
const SLAVIC_SECOND_MALE = words('sław mir gniew wit bor mił')
const SLAVIC_SECOND_FEMALE = words('sława mira gniewa wita bora miła')

const EAST_EUROPEAN_ONSETS = words(`
  pop ion dum stan mar nic rad pet dim geor kaz jon bal tod vas kov nag sab mih gri con andr lup bur cost dob flo
  gav hor kral lin mor nov ol pav rus sim tan urs vlad zaj
`)
const EAST_EUROPEAN_MIDS = words('- ov esc an ar el it us ic ul')
const EAST_EUROPEAN_SURNAME_ENDS = words('escu eanu ov ev as is ić ache u ski ak ek enko uk chuk ović auskas ian')


const MEDITERRANEAN_ONSETS = words(`
  mor fer gon bar car cal ros mar par ben lup sal val sil pap kar yil kay dem pir gal ter nik alv bat cos dom esp
  gra lor mac nav ort pac riv ser tor vie agu bel cab dur fal gar ib lam mon nun ol pin quin ram san tav vaz zan
`)
const MEDITERRANEAN_MIDS = words('- e i a o an ar er el ol')
const MEDITERRANEAN_SURNAME_ENDS = words(`
  eira eiro es ez ini elli etti one ano opoulos ides ou akis oğlu can er lu oso ado ales ino ucci ari ida osa ero
`)
const MEDITERRANEAN_FEMALE_ENDS = words('a ia ina ella ana ita ela ou ira ida')
const MEDITERRANEAN_MALE_ENDS = words('o io os is an er el us ino ando')

const EAST_ASIAN_SINGLE = words(`
  au chau cheng chiu chow choi fung hui kwok lai lau leung lo mak poon siu tang tse tsang wai yau yeung yip yuen
  zhao zhou xu sun ma zhu hu guo he gao luo zheng liang xie song tan teo goh lim koh ong phan vo dang bui do ngo
  duong ly park jung kang cho yoon jang han oh seo shin kwon hwang ahn yoo hong jeon ko moon son bae baek nam sim ha
  kwak sung cha woo min ryu jin chun kong tam fok kan yu ip pang szeto tong chung man wu deng feng cao peng zeng
  xiao tian dong pan yuan cai jiang du ye wei su lu ding ren shen yao cui zhong
`)
const JAPANESE_STARTS = words('yama naka ta ki mat ha ya i sa ko to mo fu kawa ishi hashi oka no shima')
const JAPANESE_ENDS = words('moto mura naka da ta kawa shita saki zawa uchi hara no gawa mori yama')
const THAI_STARTS = words('sri chai som suk won pra tha kit pan siri bun rat')
const THAI_ENDS = words('wong sak porn chai sawat suk kul phan rak thong sin wat')
const EAST_ASIAN_FEMALE = words('mei ling hui yan xin li jing ying min xiao lan fang hong linh thu huong trang hoa anh mai ngoc thao yuki hana soo eun hye')
const EAST_ASIAN_MALE = words('wei ming jun hao jian lei tao yong bo feng hui jie kai long peng qiang tian xiang yi zhi minh duc tuan hung quang thanh dung hoang jae sung hyun min')

const BRITISH_GIVEN_ONSETS = words(`
  al am an ar bel bry cal car cel cor dar del el em es fen fli gil gwen har im is jac jes jos kay kel ken ker lan
  lor lu lyn mab mar mel mer mir nel nor oph per pip ray rhi ros sel ser sho tam tes tor val ver wyn yas zel
`)
const BRITISH_GIVEN_MIDS = words('a e i o ri li la ra ne be')
const BRITISH_FEMALE_ENDS = words('a ia elle ette ine ey ie yn wen ora ina anne ice essa een ona etta abel issa ella ilda ene')
const BRITISH_MALE_ENDS = words('an on er iel ert ley ric ton win us ard ius den ell ik or ian ald ath wyn en el is')
const BRITISH_FEMALE_MID_ENDS = words('na nne lle tte ssa ra ya nde lyn wen sa ndra nia')
const BRITISH_MALE_MID_ENDS = words('n nd rt ck rd x s ll m ric don ton wyn ley son')

type Synth = readonly Pattern[]

// Spelling variants of listed names (Sophy, Lyndsey, Kathryne; Smyth, Browne, Thomson) are what most of the real
// rare tail looks like, so they head the British tails before any syllable-built name.
type SpellingRule = readonly [RegExp, string]

const GIVEN_SPELLING_RULES: readonly SpellingRule[] = [
  [/ie$/, 'y'], [/ie$/, 'ee'], [/([^e])y$/, '$1ie'], [/ey$/, 'ie'], [/ey$/, 'y'], [/([^e])y$/, '$1i'], [/ee$/, 'ie'],
  [/ph/, 'f'], [/([aeiou])f/, '$1ph'], [/(.)ven$/, '$1phen'], [/([lnrst])\1/, '$1'], [/([aeiou])([lnt])([aeiouy])/, '$1$2$2$3'],
  [/ae/, 'a'], [/([^a])el$/, '$1ael'], [/th/, 't'], [/^c([aou])/, 'k$1'], [/^k/, 'c'], [/c$/, 'k'], [/k$/, 'c'],
  [/ine$/, 'yne'], [/yn$/, 'in'], [/yn$/, 'ynne'], [/ah$/, 'a'], [/([^h])a$/, '$1ah'], [/an$/, 'en'], [/an$/, 'on'],
  [/en$/, 'an'], [/on$/, 'an'], [/ay/, 'ai'], [/ai/, 'ay'], [/ey/, 'ay'], [/(.)s(.)/, '$1z$2'], [/(.)z/, '$1s'],
  [/(.)i([^e])/, '$1y$2'], [/(.)y(.)/, '$1i$2'], [/([^aeiou]n)$/, '$1e'],
]

const SURNAME_SPELLING_RULES: readonly SpellingRule[] = [
  [/(.)i/, '$1y'], [/(.)y(.)/, '$1i$2'], [/(own|ark|een|ook|ock|ild|ayn|ynn)$/, '$1e'], [/([kn])e$/, '$1'],
  [/mps/, 'ms'], [/ms/, 'mps'], [/ll/, 'l'], [/([aeiou])l([aeiou])/, '$1ll$2'], [/ies$/, 'ys'], [/son$/, 'sen'],
  [/ck/, 'k'], [/ph/, 'f'], [/ou/, 'ow'], [/ow/, 'ou'], [/er$/, 'ar'], [/ey$/, 'ie'], [/([^e])y$/, '$1ey'],
  [/ey$/, 'y'], [/tt/, 't'], [/nn/, 'n'], [/^mc/, 'mac'], [/^mac/, 'mc'],
]

function spellingVariants(keys: readonly string[], rules: readonly SpellingRule[], avoid: ReadonlySet<string>): string[] {
  const seen = new Set<string>(keys)
  const variants: string[] = []
  for (const key of keys) {
    for (const [pattern, replacement] of rules) {
      const variant = key.replace(pattern, replacement)
      if (variant.length >= 4 && !seen.has(variant) && !avoid.has(variant)) {
        seen.add(variant)
        variants.push(variant)
      }
    }
  }
  return variants
}

function variantPatterns(keys: readonly string[], rules: readonly SpellingRule[], avoid: ReadonlySet<string>, depth: number): Pattern[] {
  const patterns: Pattern[] = []
  let base = keys
  for (let level = 0; level < depth; level++) {
    const variants = spellingVariants(base, rules, avoid)
    if (variants.length === 0) break
    patterns.push(real(variants.map(displayListedName)))
    avoid = new Set([...avoid, ...variants])
    base = variants
  }
  return patterns
}

const SURNAME_SYNTH: Readonly<Record<NameOrigin, Synth>> = {
  british: [
    { parts: [BRITISH_ROOTS, BRITISH_SUFFIXES] },
    { parts: [GAELIC_MC], render: mcName },
    { parts: [GAELIC_MAC], render: macName },
    { parts: [GAELIC_O], render: oName },
    real(RARER_SURNAMES.britishParticles),
    { parts: [BRITISH_ROOTS, BRITISH_LINKS, BRITISH_STRONG_SUFFIXES] },
  ],
  arabic: [
    real(RARER_SURNAMES.arabic),
    { parts: [ARABIC_ONSETS, ARABIC_VOWELS, ARABIC_CODAS] },
    { parts: [ARABIC_ONSETS, ARABIC_VOWELS, ARABIC_CODAS, ARABIC_COMPOUND_ENDS] },
  ],
  indic: [
    real(RARER_SURNAMES.indic),
    { parts: [INDIC_ONSETS, INDIC_VOWELS, INDIC_SURNAME_ENDS] },
    { parts: [INDIC_ONSETS, INDIC_VOWELS, INDIC_ONSETS, INDIC_SURNAME_ENDS] },
  ],
  sikh: [
    real(RARER_SURNAMES.sikh),
    { parts: [SIKH_SURNAME_ONSETS, SIKH_SURNAME_VOWELS, SIKH_SURNAME_ENDS] },
    { parts: [SIKH_SURNAME_ONSETS, SIKH_SURNAME_VOWELS, SIKH_SURNAME_ONSETS, SIKH_SURNAME_ENDS] },
  ],
  'west-african': [
    real(RARER_SURNAMES.westAfrican),
    { parts: [AKAN_STARTS, AKAN_ENDS] },
    { parts: [IGBO_STARTS, IGBO_VOWELS, IGBO_ENDS] },
    { parts: [YORUBA_STARTS, YORUBA_LINKS, YORUBA_ENDS] },
  ],
  polish: [
    real(RARER_SURNAMES.polish),
    { parts: [POLISH_ONSETS, POLISH_MIDS, POLISH_SURNAME_ENDS] },
    { parts: [POLISH_ONSETS, POLISH_MIDS, POLISH_MIDS, POLISH_SURNAME_ENDS] },
  ],
  'east-european': [
    real(RARER_SURNAMES.eastEuropean),
    { parts: [EAST_EUROPEAN_ONSETS, EAST_EUROPEAN_MIDS, EAST_EUROPEAN_SURNAME_ENDS] },
    { parts: [EAST_EUROPEAN_ONSETS, EAST_EUROPEAN_MIDS, EAST_EUROPEAN_MIDS, EAST_EUROPEAN_SURNAME_ENDS] },
  ],
  mediterranean: [
    real(RARER_SURNAMES.mediterranean),
    { parts: [MEDITERRANEAN_ONSETS, MEDITERRANEAN_MIDS, MEDITERRANEAN_SURNAME_ENDS] },
    { parts: [MEDITERRANEAN_ONSETS, MEDITERRANEAN_MIDS, MEDITERRANEAN_MIDS, MEDITERRANEAN_SURNAME_ENDS] },
  ],
  'east-asian': [
    { parts: [EAST_ASIAN_SINGLE] },
    { parts: [JAPANESE_STARTS, JAPANESE_ENDS] },
    { parts: [THAI_STARTS, THAI_ENDS] },
    { parts: [THAI_STARTS, THAI_ENDS, THAI_ENDS] },
  ],
}

const GIVEN_SYNTH: Readonly<Record<NameOrigin, Readonly<Record<Sex, Synth>>>> = {
  british: {
    female: [
      real(RARER_GIVEN_NAMES.british.female),
      { parts: [BRITISH_GIVEN_ONSETS, BRITISH_FEMALE_ENDS] },
      { parts: [BRITISH_GIVEN_ONSETS, BRITISH_GIVEN_MIDS, BRITISH_FEMALE_MID_ENDS] },
    ],
    male: [
      real(RARER_GIVEN_NAMES.british.male),
      { parts: [BRITISH_GIVEN_ONSETS, BRITISH_MALE_ENDS] },
      { parts: [BRITISH_GIVEN_ONSETS, BRITISH_GIVEN_MIDS, BRITISH_MALE_MID_ENDS] },
    ],
  },
  arabic: {
    female: [real(RARER_GIVEN_NAMES.arabic.female), { parts: [ARABIC_ONSETS, ARABIC_VOWELS, ARABIC_ONSETS, ARABIC_FEMALE_ENDS] }],
    male: [real(RARER_GIVEN_NAMES.arabic.male), { parts: [ARABIC_ONSETS, ARABIC_VOWELS, ARABIC_ONSETS, ARABIC_MALE_ENDS] }],
  },
  indic: {
    female: [
      real(RARER_GIVEN_NAMES.indic.female),
      { parts: [INDIC_GIVEN_STEMS, INDIC_GIVEN_VOWELS, INDIC_FEMALE_ENDS] },
    ],
    male: [
      real(RARER_GIVEN_NAMES.indic.male),
      { parts: [INDIC_GIVEN_STEMS, INDIC_GIVEN_VOWELS, INDIC_MALE_ENDS] },
    ],
  },
  sikh: {
    female: [{ parts: [SIKH_GIVEN_STARTS, SIKH_FEMALE_ENDS] }],
    male: [{ parts: [SIKH_GIVEN_STARTS, SIKH_MALE_ENDS] }],
  },
  'west-african': {
    female: [
      real(RARER_GIVEN_NAMES.westAfrican.female),
      { parts: [YORUBA_GIVEN_STARTS, WEST_AFRICAN_FEMALE] },
      { parts: [IGBO_FEMALE_STARTS, IGBO_FEMALE_ENDS] },
    ],
    male: [
      real(RARER_GIVEN_NAMES.westAfrican.male),
      { parts: [YORUBA_GIVEN_STARTS, WEST_AFRICAN_MALE] },
      { parts: [IGBO_MALE_STARTS, IGBO_MALE_ENDS] },
    ],
  },
  polish: {
    female: [real(RARER_GIVEN_NAMES.polish.female), { parts: [SLAVIC_FIRST, SLAVIC_SECOND_FEMALE], render: asWritten }],
    male: [real(RARER_GIVEN_NAMES.polish.male), { parts: [SLAVIC_FIRST, SLAVIC_SECOND_MALE], render: asWritten }],
  },
  'east-european': {
    female: [
      real(RARER_GIVEN_NAMES.eastEuropean.female),
      { parts: [SLAVIC_FIRST, SLAVIC_SECOND_FEMALE], render: asWritten },
    ],
    male: [
      real(RARER_GIVEN_NAMES.eastEuropean.male),
      { parts: [SLAVIC_FIRST, SLAVIC_SECOND_MALE], render: asWritten },
    ],
  },
  mediterranean: {
    female: [
      real(RARER_GIVEN_NAMES.mediterranean.female),
      { parts: [MEDITERRANEAN_ONSETS, MEDITERRANEAN_MIDS, MEDITERRANEAN_FEMALE_ENDS] },
    ],
    male: [
      real(RARER_GIVEN_NAMES.mediterranean.male),
      { parts: [MEDITERRANEAN_ONSETS, MEDITERRANEAN_MIDS, MEDITERRANEAN_MALE_ENDS] },
    ],
  },
  'east-asian': {
    female: [{ parts: [EAST_ASIAN_FEMALE] }, { parts: [EAST_ASIAN_FEMALE, EAST_ASIAN_FEMALE] }],
    male: [{ parts: [EAST_ASIAN_MALE] }, { parts: [EAST_ASIAN_MALE, EAST_ASIAN_MALE] }],
  },
}

function greatestCommonDivisor(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b]
  return a
}

/** Maps a tail index to a synthetic name. Patterns are used in order (simpler shapes for the commoner tail names);
 * inside a pattern the index is scrambled by a multiplicative permutation so consecutive indices look unrelated. */
class Synthesiser {
  readonly capacity: number
  private readonly patterns: Synth
  private readonly avoid: ReadonlySet<string>
  private readonly sizes: number[]
  private readonly multipliers: number[]

  constructor(patterns: Synth, avoid: ReadonlySet<string>) {
    this.patterns = patterns
    this.avoid = avoid
    this.sizes = patterns.map((pattern) => pattern.parts.reduce((product, part) => product * part.length, 1))
    this.capacity = this.sizes.reduce((sum, size) => sum + size, 0)
    this.multipliers = this.sizes.map((size) => {
      let multiplier = Math.max(2, Math.floor(size * 0.618)) // golden-ratio stride
      while (greatestCommonDivisor(multiplier, size) !== 1) multiplier++
      return multiplier
    })
  }

  name(index: number): string {
    for (let attempt = 0; attempt < 8; attempt++) {
      const text = this.render((index + attempt * 7919) % this.capacity)
      if (!this.avoid.has(nameKey(text))) return text
    }
    return this.render(index % this.capacity)
  }

  private render(index: number): string {
    let patternIndex = 0
    let rest = index
    while (rest >= (this.sizes[patternIndex] as number)) {
      rest -= this.sizes[patternIndex] as number
      patternIndex++
    }
    const pattern = this.patterns[patternIndex] as Pattern
    const size = this.sizes[patternIndex] as number
    let code = (rest * (this.multipliers[patternIndex] as number)) % size
    let joined = ''
    for (let p = pattern.parts.length - 1; p >= 0; p--) {
      const part = pattern.parts[p] as readonly string[]
      joined = (part[code % part.length] as string) + joined
      code = Math.floor(code / part.length)
    }
    return pattern.render ? pattern.render(joined) : upperFirst(joined)
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Gendered surname forms

const FEMININE_ENDINGS: readonly (readonly [string, string])[] = [
  ['dzki', 'dzka'], ['ński', 'ńska'], ['ski', 'ska'], ['cki', 'cka'], ['ny', 'na'], ['owy', 'owa'],
  ['auskas', 'auskienė'], ['ov', 'ova'], ['ev', 'eva'],
]

/** The form of a (Polish, Bulgarian, Lithuanian) surname used by a woman; other surnames are unchanged. */
export function feminineSurname(display: string, origin: NameOrigin): string {
  if (origin !== 'polish' && origin !== 'east-european') return display
  for (const [male, female] of FEMININE_ENDINGS) {
    if (display.endsWith(male)) return display.slice(0, -male.length) + female
  }
  return display
}

export function masculineSurname(display: string, origin: NameOrigin): string {
  if (origin !== 'polish' && origin !== 'east-european') return display
  for (const [male, female] of FEMININE_ENDINGS) {
    if (display.endsWith(female)) return display.slice(0, -female.length) + male
  }
  return display
}

/** Surnames that are personal rather than family names and belong to one sex. */
export const SEX_SPECIFIC_SURNAMES: Readonly<Record<string, Sex>> = {
  kaur: 'female', singh: 'male', begum: 'female', bibi: 'female', khatun: 'female',
}

// ---------------------------------------------------------------------------------------------------------------
// Pools

export type TailBand = { readonly count: number; readonly perMillion: number; readonly offset: number; readonly weight: number }

export class NamePool {
  readonly origin: NameOrigin
  readonly sex: Sex
  readonly kind: 'given' | 'surname'
  readonly listed: readonly NameForm[]
  readonly listedWeights: readonly number[]
  readonly bands: readonly TailBand[]
  /** Mass of the pool, per million people of this sex. */
  readonly mass: number
  private readonly table: AliasTable
  private readonly synthesise: (index: number) => string
  private readonly memo: (NameForm | undefined)[]

  constructor(init: {
    origin: NameOrigin
    sex: Sex
    kind: 'given' | 'surname'
    listed: readonly NameForm[]
    listedWeights: readonly number[]
    bands: readonly TailBand[]
    mass: number
    synthesise: (index: number) => string
  }) {
    this.origin = init.origin
    this.sex = init.sex
    this.kind = init.kind
    this.listed = init.listed
    this.listedWeights = init.listedWeights
    this.bands = init.bands
    this.mass = init.mass
    this.synthesise = init.synthesise
    this.table = new AliasTable([...init.listedWeights, ...init.bands.map((band) => band.weight)])
    const tailSize = init.bands.reduce((sum, band) => Math.max(sum, band.offset + band.count), 0)
    this.memo = new Array<NameForm | undefined>(tailSize).fill(undefined)
  }

  sample(random: Random): NameForm {
    const slot = this.table.sample(random)
    if (slot < this.listed.length) return this.listed[slot] as NameForm
    const band = this.bands[slot - this.listed.length] as TailBand
    return this.tailName(band.offset + random.int(band.count))
  }

  tailName(index: number): NameForm {
    let form = this.memo[index]
    if (form === undefined) {
      const display = this.synthesise(index)
      form = { display, key: nameKey(display), listed: false, nonAscii: hasNonAscii(display) }
      this.memo[index] = form
    }
    return form
  }

  /** Listed names of the pool whose weight is at least `minimumPerMillion`. */
  commonNames(minimumPerMillion: number): NameForm[] {
    return this.listed.filter((_form, index) => (this.listedWeights[index] as number) >= minimumPerMillion)
  }
}

function bandsFor(shape: TailShape, tailMassBySex: number, tailMassTotal: number, headPerMillion: number, capacity: number): TailBand[] {
  if (tailMassTotal <= 0) return []
  const masses = shape.map((band) => band.massShare * tailMassTotal)
  const counts = shape.map((band, index) =>
    Math.max(1, Math.round((masses[index] as number) / (headPerMillion * band.relativeFrequency))),
  )
  // A tradition with a small inventory cannot produce that many distinct names. Shrink the rarest bands first (never
  // making a band commoner than the one before it).
  let overflow = counts.reduce((sum, count) => sum + count, 0) - capacity
  for (let index = counts.length - 1; index > 0 && overflow > 0; index--) {
    const previousPerMillion = (masses[index - 1] as number) / (counts[index - 1] as number)
    const smallest = Math.max(1, Math.ceil((masses[index] as number) / previousPerMillion))
    const cut = Math.min(overflow, Math.max(0, (counts[index] as number) - smallest))
    counts[index] = (counts[index] as number) - cut
    overflow -= cut
  }
  if (overflow > 0) {
    // Even at the head frequency the names run out: spread the tail evenly over every name there is.
    const total = masses.reduce((sum, mass) => sum + mass, 0)
    for (let index = 0; index < counts.length; index++) {
      counts[index] = Math.max(1, Math.floor(((masses[index] as number) / total) * capacity))
    }
  }
  let offset = 0
  return shape.map((band, index) => {
    const count = counts[index] as number
    const result = { count, perMillion: (masses[index] as number) / count, offset, weight: band.massShare * tailMassBySex }
    offset += count
    return result
  })
}

export type NamePools = {
  readonly given: Readonly<Record<NameOrigin, Readonly<Record<Sex, NamePool>>>>
  readonly surname: Readonly<Record<NameOrigin, Readonly<Record<Sex, NamePool>>>>
}

let cachedPools: NamePools | undefined

/** Pools are deterministic (no randomness in their construction) and shared by every generator. */
export function namePools(): NamePools {
  cachedPools ??= buildPools()
  return cachedPools
}

function listedForm(key: string): NameForm {
  return { display: displayListedName(key), key, listed: true, nonAscii: false }
}

function buildPools(): NamePools {
  const listedSurnameKeys = new Set(surnames.map((entry) => entry.name))
  const listedGivenKeys = new Set(givenNames.map((entry) => entry.name))
  const britishGivenMass = NAME_ORIGINS.reduce(
    (sum, origin) => sum + ORIGIN_SHARES[origin] * (BRITISH_GIVEN_NAME_SHARE[origin] as number),
    0,
  )

  const given = {} as Record<NameOrigin, Record<Sex, NamePool>>
  const surname = {} as Record<NameOrigin, Record<Sex, NamePool>>
  for (const origin of NAME_ORIGINS) {
    given[origin] = {} as Record<Sex, NamePool>
    surname[origin] = {} as Record<Sex, NamePool>
    for (const sex of ['female', 'male'] as const) {
      // Given names: per million people, a sex holds 500,000.
      const entries = givenNames.filter((entry: GivenNameEntry) => (entry.origin ?? 'british') === origin && entry.sex === sex)
      const listedMass = entries.reduce((sum, entry) => sum + entry.perMillion, 0)
      const share = origin === 'british' ? britishGivenMass : ORIGIN_SHARES[origin] * (1 - BRITISH_GIVEN_NAME_SHARE[origin])
      const mass = Math.max(share * 500_000, listedMass * 1.05)
      const patterns =
        origin === 'british'
          ? [
              ...(GIVEN_SYNTH.british[sex].slice(0, 1)),
              ...variantPatterns(entries.map((entry) => entry.name), GIVEN_SPELLING_RULES, listedGivenKeys, 1),
              ...GIVEN_SYNTH.british[sex].slice(1),
            ]
          : GIVEN_SYNTH[origin][sex]
      const synth = new Synthesiser(patterns, listedGivenKeys)
      given[origin][sex] = new NamePool({
        origin,
        sex,
        kind: 'given',
        listed: entries.map((entry) => listedForm(entry.name)),
        listedWeights: entries.map((entry) => entry.perMillion),
        bands: bandsFor(TAIL_BANDS.given, mass - listedMass, mass - listedMass, TAIL_HEAD_PER_MILLION.given[origin], synth.capacity),
        mass,
        synthesise: (index) => synth.name(index),
      })
    }
    // Surnames: a unisex surname's frequency is split evenly between the sexes.
    const entries = surnames.filter((entry: SurnameEntry) => (entry.origin ?? 'british') === origin)
    const tails: Record<Sex, number> = { female: 0, male: 0 }
    const pieces = {} as Record<Sex, { forms: NameForm[]; weights: number[]; mass: number }>
    for (const sex of ['female', 'male'] as const) {
      const own = entries.filter((entry) => entry.sex === undefined || entry.sex === sex)
      const weights = own.map((entry) => (entry.sex === undefined ? entry.perMillion / 2 : entry.perMillion))
      const listedMass = weights.reduce((sum, weight) => sum + weight, 0)
      const mass = Math.max(ORIGIN_SHARES[origin] * 500_000, listedMass * 1.05)
      tails[sex] = mass - listedMass
      pieces[sex] = { forms: own.map((entry) => listedForm(entry.name)), weights, mass }
    }
    const patterns =
      origin === 'british'
        ? [...variantPatterns(entries.map((entry) => entry.name), SURNAME_SPELLING_RULES, listedSurnameKeys, 1), ...SURNAME_SYNTH.british]
        : SURNAME_SYNTH[origin]
    const synth = new Synthesiser(patterns, listedSurnameKeys)
    for (const sex of ['female', 'male'] as const) {
      const piece = pieces[sex]
      surname[origin][sex] = new NamePool({
        origin,
        sex,
        kind: 'surname',
        listed: piece.forms,
        listedWeights: piece.weights,
        bands: bandsFor(TAIL_BANDS.surname, tails[sex], tails.female + tails.male, TAIL_HEAD_PER_MILLION.surname[origin], synth.capacity),
        mass: piece.mass,
        synthesise: sex === 'female' ? (index) => feminineSurname(synth.name(index), origin) : (index) => synth.name(index),
      })
    }
  }
  return { given, surname }
}

export type TailProfile = {
  /** Share of people (per sex, averaged) whose name is not in the tables. */
  unlistedShare: number
  /** People-weighted geometric mean frequency (per million people) of unlisted names. */
  geometricMeanPerMillion: number
  /** Number of distinct synthetic names the tail can produce. */
  distinctTailNames: number
}

/** Summary of the synthetic tail, in the units of name-frequencies.ts, across all pools weighted by their mass. */
export function tailProfile(kind: 'given' | 'surname'): TailProfile {
  const pools = namePools()[kind]
  let tailMass = 0
  let totalMass = 0
  let logSum = 0
  let distinct = 0
  for (const origin of NAME_ORIGINS) {
    for (const sex of ['female', 'male'] as const) {
      const pool = pools[origin][sex]
      totalMass += pool.mass
      for (const band of pool.bands) {
        tailMass += band.weight
        logSum += band.weight * Math.log(band.perMillion)
        if (kind === 'given' || sex === 'male') distinct += band.count
      }
    }
  }
  return { unlistedShare: tailMass / totalMass, geometricMeanPerMillion: Math.exp(logSum / tailMass), distinctTailNames: distinct }
}

// ---------------------------------------------------------------------------------------------------------------
// Choosing an origin, similar names for twins, favourite middle names

export const originChoice = new WeightedChoice(NAME_ORIGINS.map((origin) => [origin, ORIGIN_SHARES[origin]] as const))

/** Favourite British middle names, which are far more concentrated than first names (Louise, Marie, James, John). */
export const BRITISH_MIDDLE_NAMES: Readonly<Record<Sex, WeightedChoice<string>>> = {
  female: new WeightedChoice<string>([
    ['Louise', 12], ['Marie', 10], ['Jane', 9], ['Elizabeth', 9], ['Anne', 6], ['Ann', 5], ['Victoria', 4],
    ['Rose', 4], ['Mary', 4], ['Claire', 3], ['Michelle', 3], ['Emma', 3], ['Catherine', 3], ['Grace', 3],
    ['Jayne', 2], ['Kate', 2], ['May', 2], ['Louisa', 1], ['Alice', 2], ['Frances', 1],
  ]),
  male: new WeightedChoice<string>([
    ['James', 12], ['John', 10], ['David', 8], ['Michael', 7], ['Paul', 6], ['Andrew', 5], ['Robert', 5],
    ['Thomas', 5], ['William', 5], ['Peter', 4], ['Anthony', 4], ['Alexander', 4], ['Edward', 3], ['Lee', 3],
    ['Richard', 3], ['Charles', 3], ['George', 3], ['Stephen', 2], ['Christopher', 2], ['Mark', 2], ['Jack', 2],
  ]),
}

/** Hyphenated given names (Anne-Marie), which exercise the hyphen handling of a matcher. */
export const HYPHENATED_GIVEN_NAMES: Readonly<Record<Sex, readonly string[]>> = {
  female: ['Anne-Marie', 'Sarah-Jane', 'Mary-Jane', 'Lucy-Anne', 'Lily-Mae', 'Emma-Louise', 'Leigh-Anne', 'Rose-Marie'],
  male: ['Jean-Paul', 'John-Paul', 'Lee-Roy'],
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_unused, index) => index)
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] as number
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] as number
      row[j] = Math.min(above + 1, (row[j - 1] as number) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1))
      diagonal = above
    }
  }
  return row[b.length] as number
}

const similarCache = new Map<NamePool, Map<string, NameForm[]>>()

/** Listed names of the pool that look or sound like `key` (Jack/Jake, Emma/Emily), for twins with similar names. */
export function similarNames(pool: NamePool, key: string): readonly NameForm[] {
  let byKey = similarCache.get(pool)
  if (!byKey) {
    byKey = new Map()
    const forms = pool.commonNames(300)
    for (const form of forms) {
      byKey.set(
        form.key,
        forms.filter((other) => {
          if (other.key === form.key || other.key[0] !== form.key[0]) return false
          const sharedPrefix = other.key.startsWith(form.key.slice(0, 3)) && form.key.length >= 3
          return editDistance(other.key, form.key) <= 2 || sharedPrefix
        }),
      )
    }
    similarCache.set(pool, byKey)
  }
  return byKey.get(key) ?? []
}

/** Scramble used to make synthetic choices depend on a name rather than on the random stream. */
export function nameHash(key: string): number {
  let h = 0
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193)
  return mix32(h)
}
