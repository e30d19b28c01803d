"""Regular expressions of the actors analysis: blanks, capitalised name tokens, initials, and the
name-run patterns built from the name particles and suffixes of ``data/lexicons/name_words.csv``.
"""
from __future__ import annotations

import re

BLANKS = " \t\u00a0\u2009\u202f"  # spaces inside a line (no-break spaces are common in web copy)
BLANK = "[ \\t\\u00a0\\u2009\\u202f]"
_BLANK_TRANS = str.maketrans({"\u00a0": " ", "\u2009": " ", "\u202f": " ", "\t": " "})

# Upper-case letters of the Latin, Greek and Cyrillic blocks (names in English news).
_UPPER = "".join(sorted({c for c in map(chr, range(0x41, 0x530)) if c.isupper()}))
UPPER = "[" + re.escape(_UPPER) + "]"
# a mojibake pair (UTF-8 read as Latin-1: "Fran\u00c3\u00a7ois") stays inside its word
_TOK = UPPER + r"(?:[\u00c2-\u00c5][\u0080-\u009f\u00a1-\u00bf]|[^\W\d_]|['\u2019](?![sS]\b)(?=[^\W\d_])|-(?=[^\W\d_]))*"
_INIT = rf"(?:{UPPER}\.){{1,3}}"  # J. / G.K.
INIT_RE = re.compile(_INIT)
TOKEN_AT_RE = re.compile(rf"(?:{_TOK})(?![\w'\u2019\-]|\.\w)")
SPLIT_RE = re.compile(r"[^ \t\u00a0\u2009\u202f,]+")

# precompiled forms of small patterns used in loops
_POSS_S_END_RE = re.compile(r"['\u2019]s$")
_POSS_S_RE = re.compile(r"['\u2019]s\b")
_WORD_TC_RE = re.compile(r"([^\W\d_])[\w'\u2019\-]*")  # a word; findall gives its first letter
_ROLE_WORD_RE = re.compile(r"[\w.'\u2019-]+")
_DOT_OR_CAP_RE = re.compile(rf"\.|[ \t\u00a0\u2009\u202f]+{UPPER}")
_INIT_FULL_RE = re.compile(_INIT)
_UPPER_RE = re.compile(UPPER)
_WORDCHAR_RE = re.compile(r"\w")
_COMMA_END_RE = re.compile(r",[ \t\u00a0\u2009\u202f]*\Z")
_LAST_WORD_RE = re.compile(r"([\w'\u2019]+)[ \t\u00a0\u2009\u202f]+\Z")
_CLAUSE_PUNCT_RE = re.compile(r"[,;:]")
# One step of the backward walk on reversed text: blanks, then a reversed token (quote, word, quote).
REV_STEP_RE = re.compile(r"([ \t\u00a0\u2009\u202f]+)[\"\u201d\u2019']?\.?(?:[\w'\u2019\-]|\.(?=\w))*[^\W_][\"\u201c\u2018']?(?![\w'\u2019\-])")
DEM_APPOS_RE = re.compile(r"[Tt]h(?:is|at|ese|ose)(?:[ \t\u00a0\u2009\u202f]+[a-z][\w\-]*){1,3},[ \t\u00a0\u2009\u202f]+")
_MEMO_SIZE = 20000  # bound of the per-word memos (a word or short title string -> its lookup)
_TOK_REST = _TOK[len(UPPER):]


def name_regexes(particles, suffixes) -> tuple[re.Pattern, re.Pattern]:
    """``(runs, more)``: a run of two or more capitalised name words (one line; particles such as
    al-/van/de inside; a suffix such as Jr./III after), and one more name word after blanks.

    The run is written with its first capital letter outside the lookbehind (which then looks one
    character further back): a pattern that opens with a character class lets the regex engine skip
    ahead to candidates.

    >>> runs, more = name_regexes(["al", "van"], ["Jr.", "III"])
    >>> [m.group() for m in runs.finditer("We met Bashar al-Assad and Martin Luther King, Jr. here.")]
    ['Bashar al-Assad', 'Martin Luther King, Jr.']
    """
    part = "(?:" + "|".join(re.escape(p) for p in particles) + ")" if particles else "(?!x)x"
    suffix = "|".join(re.escape(x) for x in suffixes) if suffixes else "(?!x)x"
    runs = re.compile(
        rf"{UPPER}(?<![\w'\u2019\-.].)(?:\.(?:{UPPER}\.){{0,2}}|{_TOK_REST})(?:{BLANK}+(?:{_INIT}|{_TOK})|{BLANK}+{part}[ \t-]{_TOK}|-{_TOK})+"
        rf"(?:,?{BLANK}+(?:{suffix})(?![\w.]))?")
    more = re.compile(rf"{BLANK}+(?:{_INIT}|{_TOK}|{part}[ \t-]{_TOK})")
    return runs, more
