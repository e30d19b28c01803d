"""People named in the text: capitalised name runs introduced by a title, a known first name, an
appositive role or a speech verb (:func:`_name_candidate`), canonical names, and the people
(:class:`_Person`) they become.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from .patterns import (BLANK, INIT_RE, _CLAUSE_PUNCT_RE, _COMMA_END_RE, _DOT_OR_CAP_RE, _INIT_FULL_RE, _LAST_WORD_RE,
                       _POSS_S_END_RE, _POSS_S_RE, _TOK, _UPPER_RE, _WORD_TC_RE, _WORDCHAR_RE)
from .people import _Mention, _Person, _find_person
from .roles import (_Roles, _premodifier, _role_from_units, _set_role, _title_before, _title_gender, _title_info)

TITLE_CASE_SHARE = 0.75  # a sentence whose words are capitalised at this share or more is a title-case headline
TITLE_CASE_MIN_WORDS = 4  # ... when it has at least this many words
SPEECH_BEFORE_WINDOW = 20  # characters before a name searched for 'said', 'according to', 'by'
APPOSITIVE_WINDOW = 120  # characters before a name searched for 'the Foreign Ministry's spokesperson,'
APPOSITIVE_TITLE_WINDOW = 40  # characters before that comma searched for the title
APPOSITIVE_AFTER_WINDOW = 80  # characters after 'NAME, ' searched for a role head
APPOSITIVE_MAX_WORDS = 6  # a role appositive after a name has at most this many words
NAME_CONTEXT = 40  # characters around a name searched for a neighbouring name word
PERSON_MAX_WORDS = 4  # a person's name has at most this many words
FIND_BUDGET = 64  # times the text may be read by str.find before its words are collected once
WEAK_NAME_MAX_WORDS = 3  # a capitalised run without title or first name: a name only this short, near a speech verb
def canonical_name(name: str) -> str:
    """A person's canonical name as written, made a stable key: blanks collapsed, typographic
    apostrophes as ASCII ("O\u2019Neill" and "O'Neill" are one person, in one article and across a
    corpus whose outlets type them differently), and UTF-8 text that was decoded as Latin-1 or
    Windows-1252 (once or twice) repaired ("Fran\u00c3\u00a7ois" -> "Fran\u00e7ois"). Mentions keep
    their text as written.

    >>> canonical_name("James O\u2019Neill"), canonical_name("Fran\u00c3\u00a7ois Hollande")
    ("James O'Neill", 'Fran\u00e7ois Hollande')
    >>> canonical_name("Fran\u00c3\u0083\u00c2\u00a7ois")
    'Fran\u00e7ois'
    """
    if "\u00c3" in name or "\u00c2" in name:
        for _ in range(3):
            for enc in ("cp1252", "latin-1"):
                try:
                    fixed = name.encode(enc).decode("utf-8")
                    break
                except (UnicodeEncodeError, UnicodeDecodeError):
                    fixed = name
            if fixed == name:
                break
            name = fixed
    if "\u2019" in name or "\u2018" in name:
        name = name.replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(name.split())


def person_key(name: str) -> str:
    """A person's name with a short given name written in full (``first_names.csv``, column
    ``formal``), so that articles that call one person differently ("Jim Skea", "James Skea") can be
    grouped: a key for comparisons across articles, not a name to show in place of the article's.

    >>> person_key("Jim Skea"), person_key("James Skea"), person_key("the report")
    ('James Skea', 'James Skea', 'the report')
    """
    from .aliases import _lexicon_stamp
    from .roles import _roles

    words = name.split()
    if len(words) < 2:
        return name
    formal = _roles(_lexicon_stamp()).formal.get(words[0])
    return " ".join([formal, *words[1:]]) if formal else name


def name_kind(name: str) -> str:
    """``person`` or ``organisation``: what a capitalised name nobody resolved looks like (a known
    first name or two to four words and no organisation word: a person).

    >>> name_kind("Pat Rynard"), name_kind("Iowa Starting Line Committee"), name_kind("Reuters")
    ('person', 'organisation', 'organisation')
    """
    from .aliases import _lexicon_stamp
    from .roles import _roles

    roles = _roles(_lexicon_stamp())
    words = name.split()
    if any(w in roles.org_words for w in words) or len(words) > PERSON_MAX_WORDS:
        return "organisation"
    return "person" if words[0] in roles.first_names or len(words) >= 2 else "organisation"


def _is_title_case(sentence: str) -> bool:
    """Is a sentence written in title case (a headline), most of its words capitalised?"""
    initials = "".join(_WORD_TC_RE.findall(sentence))  # one letter per word
    if len(initials) < TITLE_CASE_MIN_WORDS:
        return False
    caps = sum(map(str.isupper, initials))
    return caps >= TITLE_CASE_SHARE * len(initials)


class _LowerWords:
    """``word in lw``: does the text write ``word`` (already lower case) as a lower-case word anywhere,
    i.e. with no letter, digit, hyphen or apostrophe right before it and no letter, digit or hyphen
    right after it? Looked up with ``str.find`` while that is cheap (a short text, few words asked);
    once the searches have read the text a few times over, the text's word runs are collected once
    (letters, digits, hyphens, apostrophes; a run is also a word up to each apostrophe in it), so
    that a long text costs time in proportion to its length. Both ways give the same answers."""

    def __init__(self, text):
        self.text, self.memo, self.runs, self.read = text, {}, None, 0

    def __contains__(self, low):
        hit = self.memo.get(low)
        if hit is None:
            if self.runs is None and self.read > FIND_BUDGET * len(self.text):
                self.runs = _word_runs(self.text)
            if self.runs is not None and _RUN_CHARS_RE.fullmatch(low):
                hit = low in self.runs
            else:
                hit = self._find(low)
            self.memo[low] = hit
        return hit

    def _find(self, low):
        text, n, i = self.text, len(low), self.text.find(low)
        while i >= 0 and low:
            if (i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "-'\u2019")) and \
                    (i + n >= len(text) or not (text[i + n].isalnum() or text[i + n] == "-")):
                self.read += i + n
                return True
            i = text.find(low, i + 1)
        self.read += len(text)
        return False


_RUN_CHARS_RE = re.compile(r"(?:[^\W_]|[-'\u2019])+")


def _word_runs(text: str) -> set:
    """Every maximal run of letters, digits, hyphens and apostrophes in ``text``, and each run's part
    before each apostrophe in it (an apostrophe may follow a word: "Trump's")."""
    out = set(_RUN_CHARS_RE.findall(text))
    for r in [r for r in out if "'" in r or "\u2019" in r]:
        for k, ch in enumerate(r):
            if ch in "'\u2019" and k:
                out.add(r[:k])
    return out


NEXT_CAP_RE = re.compile(rf"{BLANK}+({_TOK})")
PREV_CAP_RE = re.compile(rf"({_TOK}){BLANK}+\Z")


def _inside_other_name(text: str, s: int, e: int, actor: str, roles: _Roles) -> bool:
    """Is the one-word alias ``text[s:e]`` of a curated person (a surname such as "Cameron") only part
    of another person's name: the first word of a longer name ("Cameron Easley": a capitalised word
    follows that is no function word, title or organisation word), or a surname after a capitalised word that is
    no title, function word or organisation word ("Jane Merkel", "Candace Cameron")? Longer aliases
    ("Angela Merkel") are never questioned.

    >>> from analysis.actors.aliases import _lexicon_stamp
    >>> from analysis.actors.roles import _roles
    >>> r = _roles(_lexicon_stamp())
    >>> [_inside_other_name(t, 0, 6, "Angela Merkel", r) for t in ("Merkel Smith said", "Merkel said", "Merkel The")]
    [True, False, False]
    >>> (_inside_other_name("Jane Merkel", 5, 11, "Angela Merkel", r),
    ...  _inside_other_name("Angela Merkel", 7, 13, "Angela Merkel", r))
    (True, False)
    """
    alias = text[s:e]
    if " " in alias.strip() or alias == actor:
        return False
    nm = NEXT_CAP_RE.match(text, e)
    if nm:
        w = nm.group(1)
        if w.lower() not in roles.split_words and w not in roles.org_words and w.lower() not in roles.speech_verbs \
                and w.lower().rstrip(".") not in roles.titles:
            return True
    pm = PREV_CAP_RE.search(text, max(0, s - NAME_CONTEXT), s)
    if pm:
        w = pm.group(1)
        lw = w.lower().rstrip(".")
        if w not in actor.split() and not w.isupper() and lw not in roles.split_words and w not in roles.org_words \
                and lw not in roles.speech_verbs and lw not in roles.titles and lw not in roles.title_words \
                and lw not in roles.title_last:
            return True  # "Jane Merkel", "Candace Cameron": another given name before the surname
    return False


def _name_candidate(article, text, seg, roles, placed, persons, by_surname, singles, sent_title_case, sent_spans,
                    lower_words):
    """Decide whether a capitalised token run holds a person's name; register it."""
    found = _candidate_words(text, seg, roles, lower_words)
    if found is None:
        return
    name, words = found
    fn = roles.first_names
    s, e = name[0][0], name[-1][1]
    # title case (headlines): names are two tokens at most
    si = max(0, bisect.bisect_right(sent_spans[0], s) - 1)
    if len(words) > 2 and si not in sent_title_case:
        sent_title_case[si] = _is_title_case(text[sent_spans[0][si]:sent_spans[1][si]]) if sent_spans[0] else False
    if len(words) > 2 and sent_title_case[si] and not _whole_sentence(text, s, e, sent_spans[0][si], sent_spans[1][si]):
        keep = 3 if _INIT_FULL_RE.fullmatch(words[1]) or _UPPER_RE.fullmatch(words[1]) else 2
        name, words = name[:keep], words[:keep]
        e = name[-1][1]
    mod_s, mod_e, units = _premodifier(text, s, roles)
    role, hon_gender, role_units = _role_from_units(text, units, roles)
    has_title = bool(role_units) or any(k == "honorific" for _, _, k in units)
    if sent_title_case.get(si) is None and (len(words) == 1 or words[0] not in fn):
        sent_title_case[si] = _is_title_case(text[sent_spans[0][si]:sent_spans[1][si]]) if sent_spans[0] else False
    if sent_title_case.get(si) and words[0] not in fn and not any(k == "honorific" for _, _, k in units):
        return  # a headline in title case: capitalised words prove little ("Retired General Reveals")
    # appositive role before, after a comma: "the Foreign Ministry's spokesperson, Maria Zakharova"
    if not has_title:
        ap = _appositive_before(text, s, roles)
        if ap:
            (mod_s, mod_e, units), role, role_units = ap, _appos_role(text, ap[2]), [u for u in ap[2] \
                    if u[2] == "title"]
            has_title = bool(role_units)
    ap_after = None
    if not has_title:
        ap_after = _appositive_after(text, e, roles)
    strong = has_title or (len(words) >= 2 and words[0] in roles.first_names)
    if not strong and _ORG_NAME_BEFORE_RE.search(text, max(0, s - NAME_CONTEXT), s):
        return  # 'Panel on Climate Change', 'Bank of International Settlements': the end of an organisation's name
    weak = (not strong and 2 <= len(words) <= WEAK_NAME_MAX_WORDS and (roles.speech_after.match(text, e) is not None
            or ap_after is not None \
                    or roles.speech_before.search(text[max(0, s - SPEECH_BEFORE_WINDOW):s]) is not None))
    if not (strong or weak or (ap_after and len(words) >= 2)):
        return
    if len(words) == 1:
        if has_title:
            singles.append((s, e, units, hon_gender or _title_gender(role_units, text, roles), role, role_units))
        return
    if ap_after and not role:
        role, role_units = ap_after
    how = "title+name" if has_title and (mod_e == s or text[mod_e:s].strip() == "") else "name"
    _register(text, (s, e), words, roles, (placed, persons, by_surname), strong, (mod_s, mod_e, units),
              (role, role_units, hon_gender), how)


_ORG_NAME_BEFORE_RE = re.compile(rf"[A-Z][\w.'\u2019\-]*{BLANK}+(?:of|on|for|and|de|&){BLANK}+(?:the{BLANK}+)?\Z")


def _candidate_words(text, seg, roles, lower_words):
    """The name inside a capitalised token run, as ``(token spans, words)``, or None: the run
    without a title written inside it ("Russian Foreign Minister Sergey Lavrov"), a suffix, a
    headline's verb ("Carter Says"), words before a first name further in; never an organisation,
    place or date, a run ending in a title, an acronym, or words the article also writes in lower
    case."""
    if len(seg) == 1 and not _title_before(text, seg[0][0], roles):
        return None
    j0 = 0
    for j in range(len(seg) - 1, 0, -1):
        if _title_before(text, seg[j][0], roles):
            j0 = j
            break
    name = seg[j0:]
    while len(name) > 1 and text[name[-1][0]:name[-1][1]] in roles.suffixes:
        name = name[:-1]
    while len(name) > 1 and text[name[-1][0]:name[-1][1]].lower() in roles.speech_verbs:
        name = name[:-1]  # a headline's verb: "..., Carter Says"
    if len(name) == 1 and len(seg) > 1 and not _title_before(text, name[0][0], roles):
        return None
    words = [text[s:e] for s, e in name]
    fn = roles.first_names
    # a first name further in ("Republican Donald Trump", "Miss Universe Alicia Machado"): the name starts there
    if words[0] not in fn:
        for k in range(1, len(words) - 1):
            if words[k] in fn:
                name, words = name[k:], words[k:]
                break
    # an organisation, place or date: an organisation word at the end, or anywhere when no title
    # introduces the run ("Park Geun-hye" after "President" is a name)
    if words[-1] in roles.org_words or (j0 == 0 and any(w in roles.org_words for w in words)):
        return None
    # a run ending in a title is not a name ("Indiana Gov. Mike Pence": "Indiana Gov")
    if len(words) > 1 and _title_info(words[-1], roles) is not None and \
            _DOT_OR_CAP_RE.match(text[name[-1][1]:name[-1][1] + 2]):
        return None
    if any(len(w) > 1 and w.isupper() and w not in roles.suffixes and not INIT_RE.fullmatch(w) for w in words):
        return None
    if len(words) == 1 and _title_info(words[0], roles) is not None:
        return None  # "Mr. President"
    # a capitalised word that the article also writes in lower case is a common word, not a name
    # ("Presidential Debates", "Major Islamic Holiday"), unless it is a known first name
    if not (words[0] in fn and len(words) >= 2) and any(w.lower() in lower_words for w in words if w not in fn):
        return None
    if words[0].lower() in roles.particles and len(words) == 2:
        name, words = name[1:], words[1:]  # "De Blasio" at a sentence start: a surname
    return name, words


def _register(text, span, words, roles, found, strong, modifier, role_info, how) -> None:
    """Register the person named ``words`` at ``span`` (``found``: placed mentions, persons, people
    by surname) with the role, gender and organisation its title gives, and its mention."""
    s, e = span
    placed, persons, by_surname = found
    mod_s, mod_e, units = modifier
    role, role_units, hon_gender = role_info
    # overlap with curated mentions: curated persons win; places inside a strong full name lose
    over = placed.overlaps(s, e)
    for o in over:
        if o.kind == "person" or not strong or not (s <= o.start and o.end <= e):
            return
    for o in over:
        placed.remove(o)
    p = _find_person(persons, by_surname, words, hon_gender, roles.formal)
    if p is None:
        p = _Person(tuple(words), canonical_name(" ".join(words)), first=s)
        persons.append(p)
        by_surname.setdefault(words[-1], []).append(p)
    if len(words) > len(p.name_tokens) or (len(words) == len(p.name_tokens) \
            and len(" ".join(words)) > len(p.canonical)):
        if not p.curated:
            p.name_tokens, p.canonical = tuple(words), canonical_name(" ".join(words))
    p.n_full += 1
    _set_role(p, role, role_units, text, roles, units)
    g = hon_gender or _title_gender(role_units, text, roles)
    if g:
        p.gender, p.gender_source = g, "title"
    elif not p.gender and roles.first_names.get(words[0]):
        p.gender, p.gender_source = roles.first_names[words[0]], "first name"
    # curated mentions inside the title ("Kremlin spokesman") belong to the person's role
    if mod_s >= 0 and role_units:
        for o in placed.overlaps(mod_s, mod_e):
            if o.kind != "person" and role_units[0][0] <= o.start:
                placed.remove(o)
                p.organisation = p.organisation or o.actor
    placed.add(_Mention(p.canonical, "person", s, e, how, (mod_s, mod_e), p))


def _whole_sentence(text, s, e, ss, se) -> bool:
    """Is the name run ``text[s:e]`` all the words of its sentence (a signature line: "\u2015 Julie A.
    Diaz Martinez")? Then it is not a headline in title case and keeps all its words."""
    return not _WORDCHAR_RE.search(text[max(ss, s - NAME_CONTEXT):s]) \
            and not _WORDCHAR_RE.search(text[e:min(se, e + NAME_CONTEXT)])


def _appositive_before(text, s, roles):
    """``the Foreign Ministry's spokesperson, NAME``: the role phrase before a comma (determiner-led)."""
    before = text[max(0, s - APPOSITIVE_WINDOW):s]
    m = _COMMA_END_RE.search(before)
    if not m:
        return None
    cut = s - (len(before) - m.start())
    rm = roles.title_rev.match((text[max(0, cut - APPOSITIVE_TITLE_WINDOW):cut] + " ")[::-1])
    if not rm:
        return None
    ts = cut - (rm.end() - 1)
    ms, me, units = _premodifier(text, ts, roles)
    title_unit = (ts, cut, "title")
    if ms < 0:
        # require a determiner right before the title ("the spokesperson, X")
        prev = _LAST_WORD_RE.search(text[max(0, ts - 20):ts])
        if not prev or prev.group(1).lower() not in roles.determiners:
            return None
        return ts, cut, [title_unit]
    # the walk must have stopped at a determiner or possessive
    if not (units[0][2] == "poss" or _determiner_end_re(roles.determiners).search(text[max(0, ms - 12):ms])):
        return None
    return ms, cut, units + [title_unit]


@lru_cache(maxsize=8)
def _determiner_end_re(determiners: frozenset) -> re.Pattern:
    """A determiner (case-insensitive) then blanks at the end of a string."""
    return re.compile(r"(?:^|[\s])(?:" + "|".join(determiners) + r")[ \t\u00a0\u2009\u202f]+\Z", re.I)


def _appos_role(text, units):
    return " ".join(_POSS_S_END_RE.sub("", text[s:e]) for s, e, _ in units)


APPOS_AFTER_RE = re.compile(
    r",[ \t\u00a0\u2009\u202f]+(?:(?:the|a|an|his|her|its|their)[ \t\u00a0\u2009\u202f]+)"
    r"?((?:[\w'\u2019\-.]+[ \t\u00a0\u2009\u202f]+){0,4}?)")


# the end of an appositive role: punctuation, or "of/at/for" + its organisation ("director of AROS")
APPOS_END_RE = re.compile(
    r"[ \t\u00a0\u2009\u202f]*[,.;)]|[ \t\u00a0\u2009\u202f]+(?:of|at|for|with)"
    r"[ \t\u00a0\u2009\u202f]+(?:the[ \t\u00a0\u2009\u202f]+)?[A-Z]")


def _appositive_after(text, e, roles):
    """``NAME, the Foreign Ministry spokeswoman,``: ``(role, role_units)`` or None."""
    m = APPOS_AFTER_RE.match(text, e)
    if not m:
        return None
    pos = m.end()
    hm = roles.head_re.match(text, pos) if pos < len(text) else None
    if not hm:
        # try shorter/longer modifier runs: scan the next few words for a head followed by , . ; )
        for wm in re.finditer(r"[\w'\u2019\-.]+", text[m.start(1):m.start(1) + APPOSITIVE_AFTER_WINDOW]):
            hm2 = roles.head_re.match(text, m.start(1) + wm.start())
            if hm2 and APPOS_END_RE.match(text, hm2.end()):
                hm = hm2
                break
        else:
            return None
    if not APPOS_END_RE.match(text, hm.end()):
        return None
    rs = m.start(1)
    phrase = text[rs:hm.end()]
    first = phrase.split()[0].lower() if phrase.split() else ""
    if first in roles.boundary and first not in roles.title_words:
        return None  # "X, who was the bill floor manager": a clause, not an appositive role
    if len(phrase.split()) > APPOSITIVE_MAX_WORDS or _CLAUSE_PUNCT_RE.search(phrase):
        return None
    role = _POSS_S_RE.sub("", phrase)
    return role, [(hm.start(), hm.end(), "title")]
