// Name normalisation: the one place that decides when two spellings of a name are "the same text".

// Apostrophes and quote marks vanish (O'Brien = O’Brien = OBrien). They go before Unicode decomposition,
// because NFKD turns the acute accent sign ´ into a space plus a combining mark.
const QUOTE_MARKS = /['’‘‛`´ʼʻʹ′″"“”„‟＇ˈ]/gu

// Letters that Unicode does not decompose into a base letter plus an accent.
const UNDECOMPOSABLE_LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss', ẞ: 'ss', æ: 'ae', Æ: 'ae', œ: 'oe', Œ: 'oe', ø: 'o', Ø: 'o', ł: 'l', Ł: 'l',
  đ: 'd', Đ: 'd', ð: 'd', Ð: 'd', þ: 'th', Þ: 'th', ı: 'i', ħ: 'h', Ħ: 'h', ŧ: 't', Ŧ: 't',
  ŋ: 'n', Ŋ: 'n', ĸ: 'k', ſ: 's',
}

const NON_ASCII_TEST = /[\u0080-\uffff]/
const COMBINING_MARKS = /\p{M}/gu
const NON_ASCII = /[\u0080-\uffff]/g
// Anything that is not a letter separates name parts: spaces, hyphens and dashes, dots, commas, digits.
const SEPARATORS = /[^\p{L}]+/gu

/** é→e, ø→o, ß→ss, ﬁ→fi; letters of other scripts are kept as they are. */
export function foldToAscii(text: string): string {
  if (!NON_ASCII_TEST.test(text)) return text
  return text
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(NON_ASCII, (letter) => UNDECOMPOSABLE_LETTERS[letter] ?? letter)
}

/** The parts of a name, lower case, accents folded, apostrophes removed: "Smith-Jones" → ["smith", "jones"]. */
export function nameTokens(raw: string | null | undefined): string[] {
  if (!raw) return []
  const plain = plainNameTokens(raw)
  if (plain !== null) return plain
  const text = foldToAscii(raw.replace(QUOTE_MARKS, '')).toLowerCase()
  return text.split(SEPARATORS).filter((token) => token !== '')
}

/** The parts of a name joined by single spaces: "  O’Brien-Smyth " → "obrien smyth". */
export function normaliseName(raw: string | null | undefined): string {
  return nameTokens(raw).join(' ')
}

/** The parts of a name run together, so "Smith-Jones", "Smith Jones" and "Smithjones" all read "smithjones". */
export function compactName(raw: string | null | undefined): string {
  return nameTokens(raw).join('')
}

/** Most names are ASCII letters with single spaces or hyphens between parts: split them in one pass,
 * or give up (null) at the first character that needs the full treatment. */
function plainNameTokens(raw: string): string[] | null {
  const tokens: string[] = []
  let start = 0
  for (let i = 0; i <= raw.length; i++) {
    const code = i < raw.length ? raw.charCodeAt(i) : 32
    if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90)) continue
    if ((code !== 32 && code !== 45) || i === start) return null
    tokens.push(raw.slice(start, i).toLowerCase())
    start = i + 1
  }
  return tokens
}
