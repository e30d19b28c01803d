"""Titles and roles: the lexicons behind person detection (:class:`_Roles`, read from ``roles.csv``,
``first_names.csv``, ``english_function_words.csv`` and ``name_words.csv``), the labelling
pre-modifier of a mention ("Russian Foreign Minister", "terrorist group"), a person's roles and
whether a role mention ("the Russian FM") fits one of them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .. import lexicons
from .patterns import (BLANK, BLANKS, REV_STEP_RE, UPPER, _MEMO_SIZE, _POSS_S_END_RE, _ROLE_WORD_RE,
                       name_regexes, squeeze)
from .trie import trie_regex

TITLE_LOOKBACK = 40  # characters before a name searched for a title ("Secretary of State")
PREV_WORD_LOOKBACK = 24  # characters before a mention searched for the word right before it
PREMODIFIER_LOOKBACK = 90  # characters before a mention walked for its pre-modifier
PREMODIFIER_MAX_UNITS = 6  # words or titles in a pre-modifier
@dataclass(frozen=True)
class _Roles:
    titles: dict            # lower title (no final '.') -> (category, canonical, gender)
    title_rev: re.Pattern   # reversed-text matcher of a title ending right before a position
    head_re: re.Pattern     # a title head word (for role mentions / appositives)
    title_words: frozenset
    labels: frozenset
    org_words: frozenset
    determiners: frozenset
    boundary: frozenset     # words a pre-modifier never crosses
    split_words: frozenset  # capitalised, they split a run of capitalised words ("Clinton Was Headed")
    first_names: dict       # name -> gender ('' = either)
    formal: dict            # short form of a given name -> the name it stands for (Jim -> James)
    title_last: frozenset   # last word of every title, lower case without a final period (quick pre-check)
    title_next: re.Pattern  # last word of a title followed by blanks and a capital letter
    quick_stop: frozenset   # (boundary | determiners) - title_last: a word before a mention that ends its pre-modifier
    particles: frozenset    # lower-case particles inside a name (al, van, de)
    suffixes: frozenset     # generational suffixes after a name (Jr., III), case as written
    speech_verbs: frozenset  # speech verbs that end a name run ("Carter Says")
    speech_after: re.Pattern  # a speech verb (or age, "who") right after a capitalised pair: a person
    speech_before: re.Pattern  # a speech word right before a capitalised pair: a person
    gender_words: dict      # he/his/... -> male, she/her/... -> female
    pronoun_re: re.Pattern  # those pronouns as whole words, any case
    org_in_role: re.Pattern  # an organisation's name inside a role ("Foreign Ministry")
    distinct_role: frozenset  # vice, deputy, former: another office with the same head
    short_heads: frozenset  # office abbreviations of two letters that may stand for a role (fm, pm)
    same_word: dict         # role modifiers that are one word (us/american/america -> us)
    name_runs: re.Pattern   # two or more capitalised name words
    more_name: re.Pattern   # one more name word after blanks
    info_memo: dict = field(default_factory=dict, compare=False, repr=False)  # _title_info per string seen
    role_memo: dict = field(default_factory=dict, compare=False, repr=False)  # _curated_role per role string


@lru_cache(maxsize=4)
def _roles(_stamp=()) -> _Roles:
    df = lexicons.load("roles")
    titles = {}
    for r in df.itertuples():
        if r.category in ("honorific", "office"):
            titles.setdefault(r.title.lower().rstrip("."), (r.category, r.canonical.lower(), r.gender))
    by_cat = {c: frozenset(g.title) for c, g in df.groupby("category")}
    low = lambda c: frozenset(t.lower() for t in by_cat.get(c, ()))  # noqa: E731
    forms = sorted({t for t in df[df.category.isin(["honorific", "office"])].title}, key=len, reverse=True)
    # reversed titles: "Secretary of State" -> "etatS fo yraterceS"; an abbreviation's period is optional
    rev = "|".join(re.escape(t[::-1]) if not t.endswith(".") else r"\.?" + re.escape(t[:-1][::-1]) for t in forms)
    rev = rev.replace("\\ ", BLANK + "+")  # a run of blanks between the words of a title
    title_rev = re.compile(rf"[ \t\u00a0\u2009\u202f]+(?:{rev})(?![\w'\u2019\-])", re.I)
    heads = sorted({t for t in df[df.category == "office"].title if len(t) > 2 or t.isupper()}, key=len, reverse=True)
    head_re = re.compile(r"(?i:" + "|".join(re.escape(h) for h in heads) + r")(?![\w\-])")
    fn = lexicons.load("first_names")
    title_last = frozenset(t.split()[-1].lower().rstrip(".") for t in forms)
    nw = lexicons.load("name_words")
    words = {c: [w for w, k in zip(nw.word, nw.category) if k == c] for c in set(nw.category)}
    value = {(w, c): v for w, c, v in zip(nw.word, nw.category, nw.value)}
    gender_words = {w.lower(): value[w, "gender_pronoun"] for w in words.get("gender_pronoun", [])}
    runs, more = name_regexes(words.get("particle", []), words.get("suffix", []))
    speech_after = "|".join(re.escape(w) for w in words.get("speech_after", [])) or "(?!x)x"
    speech_before = "|".join(re.escape(w) for w in words.get("speech_before", [])) or "(?!x)x"
    orgs = "|".join(re.escape(w) for w in words.get("org_head", [])) or "(?!x)x"
    pronouns = "|".join(re.escape(w) for w in gender_words) or "(?!x)x"
    return _Roles(titles=titles, title_rev=title_rev, head_re=head_re, title_words=low("title_word"),
                  labels=low("label"), org_words=by_cat.get("org_word", frozenset()),
                  determiners=low("determiner"), boundary=low("boundary"),
                  split_words=low("boundary") | low("determiner") | _function_words(),
                  first_names=dict(zip(fn.name, fn.gender)),
                  formal={n: f for n, f in zip(fn.name, fn.formal if "formal" in fn.columns else [""] * len(fn)) if f},
                  title_last=title_last, title_next=_title_next_re(forms),
                  quick_stop=(low("boundary") | low("determiner")) - title_last,
                  particles=frozenset(words.get("particle", [])), suffixes=frozenset(words.get("suffix", [])),
                  speech_verbs=frozenset(w.lower() for w in words.get("speech_verb", [])),
                  speech_after=re.compile(rf"{BLANK}*(?:,{BLANK}*)?(?:{speech_after})\b"
                                          rf"|,{BLANK}+\d{{1,3}},|,{BLANK}+who{BLANK}"),
                  speech_before=re.compile(rf"(?:{speech_before}|\u2014|\u2015|--){BLANK}*\Z"),
                  gender_words=gender_words,
                  pronoun_re=re.compile(rf"(?<![\w'])({pronouns})(?![\w'])", re.I),
                  org_in_role=re.compile(rf"((?:[A-Z][\w\-]*{BLANK}+)*(?:{orgs}))\b"),
                  distinct_role=frozenset(w.lower() for w in words.get("distinct_role", [])),
                  short_heads=frozenset(w.lower() for w in words.get("short_head", [])),
                  same_word={w.lower(): value[w, "same_word"] for w in words.get("same_word", [])},
                  name_runs=runs, more_name=more)


def _title_next_re(forms) -> re.Pattern:
    words = set()
    for t in forms:
        w = t.split()[-1]
        for v in (w, w.lower(), w[:1].upper() + w[1:]):
            words.add(v)
            if v.endswith("."):
                words.add(v[:-1])
    return re.compile(r"(?<![\w'\u2019\-])(?:" + trie_regex(words)
                      + rf")(?![\w'\u2019\-])\.?[ \t\u00a0\u2009\u202f]+(?={UPPER})")


def _function_words() -> frozenset:
    return frozenset(lexicons.load("english_function_words").word.str.lower())


REV_PREV_WORD_RE = re.compile(r"[ \t\u00a0\u2009\u202f]+\.?([^\s.]{1,30})")


def _title_before(text: str, pos: int, roles: _Roles):
    """A title ending right before ``pos`` (blanks between): the reversed-text match, or None."""
    lo = pos - TITLE_LOOKBACK
    rev = text[lo if lo > 0 else 0:pos][::-1]
    w = REV_PREV_WORD_RE.match(rev)
    if w is None or w.group(1)[::-1].lower() not in roles.title_last:
        return None
    return roles.title_rev.match(rev)


def _title_info(title: str, roles: _Roles):
    memo = roles.info_memo
    try:
        return memo[title]
    except KeyError:
        pass
    info = roles.titles.get(squeeze(title).lower().rstrip("."))
    if len(memo) >= _MEMO_SIZE:
        memo.clear()
    memo[title] = info
    return info


def _curated_role(role: str, roles: _Roles) -> tuple:
    """The office heads and the normalised words of a curated person's role (memo per role string)."""
    hit = roles.role_memo.get(role)
    if hit is None:
        heads = set()
        for hm in roles.head_re.finditer(role):
            info = _title_info(hm.group(), roles)
            if info and info[0] == "office":
                heads.add(info[1])
        hit = (frozenset(heads), frozenset({_norm_word(w) for w in _ROLE_WORD_RE.findall(role)}))
        if len(roles.role_memo) >= _MEMO_SIZE:
            roles.role_memo.clear()
        roles.role_memo[role] = hit
    return hit


def _premodifier(text: str, start: int, roles: _Roles, max_units: int = PREMODIFIER_MAX_UNITS):
    """The labelling pre-modifier of the mention starting at ``start``:
    ``(mod_start, mod_end, units)``; units are ``(s, e, kind)`` with kind in
    title/honorific/cap/word/label. Empty modifier: ``(-1, -1, [])``."""
    if start == 0 or text[start - 1] not in BLANKS:
        return -1, -1, []
    # quick exit: the word right before is a preposition, verb, determiner... (most mentions)
    lo = start - PREV_WORD_LOOKBACK
    pw = REV_PREV_WORD_RE.match(text[lo if lo > 0 else 0:start][::-1])
    if pw is None or pw.group(1)[::-1].lower() in roles.quick_stop:
        return -1, -1, []
    lo = start - PREMODIFIER_LOOKBACK if start > PREMODIFIER_LOOKBACK else 0
    rev = text[lo:start][::-1]  # walk backwards by matching on the reversed text
    units, pos, boundary, in_poss = [], start, "punct", False
    while len(units) < max_units:
        r = start - pos  # offset of ``pos`` in ``rev``
        step = REV_STEP_RE.match(rev, r)
        if not step or not step.group(1):
            break
        # a title phrase ending here (possibly several tokens: "Secretary of State", "Lt. Gen.")
        prev = rev[step.end(1):step.end()][::-1].strip("\"\u201c\u201d\u2018\u2019'").lower().rstrip(".")
        rm = roles.title_rev.match(rev, r) if prev in roles.title_last else None
        if rm:
            ts = pos - (rm.end() - r)
            title = text[ts:pos].strip()
            info = _title_info(title, roles)
            kind = info[0] if info else "title"
            units.append((ts, ts + len(title), "honorific" if kind == "honorific" else "title"))
            pos = ts
            continue
        s, e = pos - (step.end() - r), pos - (step.end(1) - r)
        tok = text[s:e]
        word = tok.strip("\"\u201c\u201d\u2018\u2019'")
        low = word.lower()
        if tok.endswith(".") and "." not in tok[:-1] and _title_info(tok, roles) is None:
            break  # a sentence end
        if tok[-1:] in CLOSING_MARKS and tok.rstrip(CLOSING_MARKS)[-1:] in ".,;:!?":
            break  # 'in first place." Herzog': a quotation ends, and its clause or sentence with it
        if low in roles.determiners:
            boundary = "det"
            break
        if in_poss and word[:1].isupper():
            units.append((s, e, "poss"))
            pos = s
            continue
        if low in roles.boundary:
            boundary = "other"
            break
        if word[:1].islower() and low.endswith("s") and not low.endswith(("ss", "us", "is", "'s", "\u2019s")) \
                and len(low) > 3 \
                and low not in roles.labels and low not in roles.title_words:
            boundary = "other"  # a finite verb ("Kiev joins Washington vassal Bulgaria")
            break
        if in_poss and not word[:1].isupper():
            break
        if word[-2:] in ("'s", "\u2019s") and word[:1].isupper():
            in_poss = True  # a possessor ("the Foreign Ministry's"): take its capitalised words, then stop
            boundary = "det"
            units.append((s, e, "poss"))
            pos = s
            continue
        if tok[0] in "\"\u201c\u2018'" or tok[-1] in "\"\u201d\u2019'" and not tok.endswith(("'s", "\u2019s")):
            kind = "quoted"
        elif low in roles.labels:
            kind = "label"
        elif low in roles.title_words:
            kind = "title_word"
        elif word[:1].isupper():
            kind = "cap"
        else:
            kind = "word"
        units.append((s, e, kind))
        pos = s
    if boundary != "det":
        keep = []
        for u in units:
            if u[2] == "word":
                break
            keep.append(u)
        units = keep
    if not units or _verb_before(text, units):
        return -1, -1, []
    units = units[::-1]
    return units[0][0], units[-1][1], units


CLOSING_MARKS = "\"\u201d\u2019'"


def _verb_before(text: str, units) -> bool:
    """Do the words right before a mention make a participle with its subject ('a group urging
    Republicans'), not a label (units nearest the mention first)? A lower-case -ing word after a
    lower-case word that is no adverb is a verb taking the mention as its object."""
    if len(units) < 2 or units[0][2] not in ("word", "label") or units[1][2] not in ("word", "label"):
        return False
    w0, w1 = text[units[0][0]:units[0][1]], text[units[1][0]:units[1][1]]
    return w0.islower() and w0.endswith("ing") and w1.islower() and not w1.endswith("ly")


def _role_from_units(text: str, units, roles: _Roles):
    """The role phrase (titles and the title-like words before them) and the honorific gender."""
    gender, role_units = "", []
    for i in range(len(units) - 1, -1, -1):
        s, e, kind = units[i]
        if kind == "honorific":
            info = _title_info(text[s:e], roles)
            gender = gender or (info[2] if info else "")
            continue
        if kind in ("title", "cap", "title_word", "poss") or (kind == "label" and role_units):
            role_units.append(units[i])
            if kind == "poss":
                break
        else:
            break
    role_units = role_units[::-1]
    while role_units and role_units[-1][2] != "title":
        role_units.pop()
    if not any(k == "title" for _, _, k in role_units):
        return "", gender, []
    # drop leading cap words that are not part of the title (e.g. a lowercase-less sentence start?)
    words = [_POSS_S_END_RE.sub("", text[s:e]) for s, e, _ in role_units]
    return " ".join(words), gender, role_units


def _title_gender(role_units, text, roles):
    for s, e, k in role_units:
        if k == "title":
            info = _title_info(text[s:e], roles)
            if info and info[2]:
                return info[2]
    return ""


def _heads(role_units, text, roles):
    out = set()
    for s, e, k in role_units:
        if k == "title":
            info = _title_info(text[s:e], roles)
            if info and info[0] == "office":
                out.add(info[1])
    return out


_NORM_MEMO: dict = {}


def _norm_word(w: str) -> str:
    n = _NORM_MEMO.get(w)
    if n is None:
        n = _POSS_S_END_RE.sub("", w).replace(".", "").lower()
        if len(_NORM_MEMO) >= _MEMO_SIZE:
            _NORM_MEMO.clear()
        _NORM_MEMO[w] = n
    return n



def _set_role(p, role, role_units, text, roles, units):
    if not role:
        return
    heads = _heads(role_units, text, roles)
    _add_role_set(p, heads, role)
    if len(role) > len(p.role) and not p.curated:
        p.role = role
    if not p.organisation:
        om = roles.org_in_role.search(role)
        if om:
            p.organisation = om.group(1)


def _add_role_set(p, heads, role):
    words = frozenset(_norm_word(w) for w in role.split())
    p.role_heads |= heads
    p.role_words |= words
    if heads and (frozenset(heads), words) not in p.role_sets:
        p.role_sets.append((frozenset(heads), words))



def _word_match(a: str, b: str, roles: _Roles) -> bool:
    """Are two normalised role words one modifier ("presidential"/"president", "US"/"American")?"""
    if a == b or (len(a) >= 4 and len(b) >= 4 and a[:5] == b[:5]):
        return True
    same = roles.same_word.get(a)
    return same is not None and same == roles.same_word.get(b)


def _role_fits(p, canon, mods, roles: _Roles) -> bool:
    """Does a role mention with head ``canon`` and modifier words ``mods`` fit one of ``p``'s roles
    (every modifier in the role, and no word that makes it a different office missing)?"""
    for heads, words in p.role_sets:
        if canon not in heads:
            continue
        if not all(any(_word_match(w, r, roles) for r in words) for w in mods):
            continue
        if any(not any(_word_match(d, w, roles) for w in mods) for d in words & roles.distinct_role):
            continue
        return True
    return False


# The words before the head are possessive runs (``++``): a word run and a blank run can only end where
# the other class begins, so backtracking into them finds nothing (the same matches, found faster) as
# long as no head starts with a blank (else the plain runs below); the lookahead turns down a word that
# cannot open a head with one set test.
ROLE_MENTION_TMPL = (r"[Tt]h(?:e|is|at)[ \t\u00a0\u2009\u202f]+((?:[\w'\u2019\-.]++[ \t\u00a0\u2009\u202f]++){{0,3}}?)"
                     r"(?=(?i:[{firsts}]))({heads})(?![\w\-])(?![ \t\u00a0\u2009\u202f]+(?:[A-Z]|of\b))")
_ROLE_MENTION_TMPL_PLAIN = ROLE_MENTION_TMPL.replace("]++", "]+")


@lru_cache(maxsize=256)
def _role_mention_re(stamp, canons: frozenset):
    """A role-mention regex for the title heads people in this article hold (small and fast)."""
    roles = _roles(stamp)
    forms = sorted({t for t, (cat, canon, _) in roles.titles.items() if cat == "office" \
            and canon in canons}, key=len, reverse=True)
    forms = [f for f in forms if len(f) > 2 or f.lower() in roles.short_heads]
    if not forms:
        return None
    heads = "(?i:" + "|".join(re.escape(f).replace("\\ ", BLANK + "+") + (r"\.?" if f in _abbrev_heads(stamp) else "")
                             for f in forms) + ")"
    firsts = "".join(sorted({BLANK[1:-1] if f[0] == " " else re.escape(f[0]) for f in forms}))
    tmpl = _ROLE_MENTION_TMPL_PLAIN if any(f[0] in BLANKS for f in forms) else ROLE_MENTION_TMPL
    return re.compile(tmpl.format(heads=heads, firsts=firsts))


@lru_cache(maxsize=4)
def _abbrev_heads(stamp):
    df = lexicons.load("roles")
    return frozenset(t.lower().rstrip(".") for t in df.title if t.endswith("."))
