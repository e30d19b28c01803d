"""Finding the actors of an article (:func:`_analyse`), in steps: curated aliases, names in the text
(with titles, first names, appositives, speech verbs), a title before a single name, role mentions
("the Russian FM"), surnames and first names of the people found, demonstrative appositives ("this
dangerous phenomenon, ISIS"), the labelling pre-modifier of every mention, gender from pronouns.
"""
from __future__ import annotations

import bisect

from ..columns import layout
from .aliases import _UNSEEN, _curated, _lexicon_stamp, _which_alias
from .names import _LowerWords, _inside_other_name, _is_title_case, _name_candidate, canonical_name
from .patterns import BLANKS, DEM_APPOS_RE, SPLIT_RE, TOKEN_AT_RE
from .people import _Mention, _Overlaps, _Person, _pick_person
from .roles import (_add_role_set, _curated_role, _heads, _norm_word, _premodifier, _role_fits, _role_from_units,
                    _role_mention_re, _roles, _set_role, _title_info)

PRONOUN_WINDOW = 400  # characters after a person's mention searched for a pronoun that tells the gender
APPOSITIVE_COMMA_WINDOW = 4  # characters before a role mention searched for the comma after a name


def _analyse(article, aliases=None):
    """``(mentions, persons, curated matcher)`` of an article (the mentions in no particular order)."""
    text = article.text
    stamp = _lexicon_stamp()
    roles = _roles(stamp)
    cur = _curated(aliases, stamp)
    placed = _Overlaps()
    persons: list[_Person] = []
    by_surname: dict[str, list[_Person]] = {}
    _curated_mentions(text, cur, roles, placed, persons, by_surname)
    lay = layout(article)
    sent_spans = (lay["sstart"], lay["send"])
    sent_title_case: dict = {}
    singles = _text_names(article, text, roles, placed, persons, by_surname, sent_title_case, sent_spans)
    _title_singles(text, roles, placed, persons, by_surname, singles)
    _first_modifiers(text, roles, placed)
    _role_mentions(text, roles, placed, persons, stamp)
    _surname_mentions(text, roles, placed, persons, by_surname)
    _demonstrative_appositives(text, placed)
    _last_modifiers(text, roles, placed, sent_title_case, sent_spans)
    _pronoun_gender(text, placed.items, persons, roles)
    for mm in placed.items:
        if mm.person is not None:
            mm.actor = mm.person.canonical
    return placed.items, persons, cur


def _curated_mentions(text, cur, roles, placed, persons, by_surname) -> None:
    """Curated aliases: one pass of one regex over the whole text (the matches come in text order
    and nothing is placed yet: each mention goes at the end)."""
    rows = cur.rows
    curated_person: dict[str, _Person] = {}
    p_starts, p_ends, p_items = placed.starts, placed.ends, placed.items
    surface = cur.surface
    for m in cur.regex.finditer(text):
        i = surface.get(m.group(), _UNSEEN)  # the literal alias of this surface form (memo)
        if i is None or i is _UNSEEN:
            i = _which_alias(cur, text, m)
            if i is None:
                continue
        r = rows[i]
        s, e = m.span()
        if r.kind == "person" and _inside_other_name(text, s, e, r.actor, roles):
            continue  # "Cameron Easley" is not David Cameron, "Jane Merkel" not Angela Merkel
        cm = _Mention(r.actor, r.kind, s, e, "curated")
        if r.kind == "person":
            p = curated_person.get(r.actor)
            if p is None:
                toks = tuple(r.actor.split())
                p = _Person(toks, r.actor, role=r.role, gender=r.gender, gender_source="curated" if r.gender else "",
                            first=s, curated=True)
                heads, words = _curated_role(r.role, roles)
                p.role_heads, p.role_words = set(heads), set(words)
                p.role_sets.append((heads, words))
                curated_person[r.actor] = p
                persons.append(p)
            cm.person = p
            p.n_full += 1
        p_starts.append(s)
        p_ends.append(e)
        p_items.append(cm)
    for p in curated_person.values():
        by_surname.setdefault(p.surname, []).append(p)


def _text_names(article, text, roles, placed, persons, by_surname, sent_title_case, sent_spans) -> list:
    """Names found in the text (registered as people and mentions); returns the single capitalised
    words after a title, ``(start, end, units, gender, role, role_units)``, resolved later."""
    singles: list = []
    boundary = roles.split_words
    lower_words = _LowerWords(text)
    runs = []
    # one capitalised word right after a title ("Mr. Trump", "spokesman Peskov"): found from the titles
    for m in roles.title_next.finditer(text):
        ts = m.start()
        if ts and (text[ts - 1].isalnum() or text[ts - 1] in "-'\u2019"):
            continue
        tm = TOKEN_AT_RE.match(text, m.end())
        if tm and not roles.more_name.match(text, tm.end()):
            runs.append((tm.start(), tm.end(), [(tm.start(), tm.end())]))
    # runs of two or more capitalised words
    for m in roles.name_runs.finditer(text):
        s, e = m.span()
        runs.append((s, e, [t.span() for t in SPLIT_RE.finditer(text, s, e)]))
    runs.sort(key=lambda r: (r[0], -r[1]))
    for _, _, seg_tokens in runs:
        # split at capitalised function words ("Clinton Was Headed", "The Post")
        segs, cur_seg = [], []
        for s, e in seg_tokens:
            w = text[s:e]
            if w.lower() in boundary and not (cur_seg and text[cur_seg[-1][0]:cur_seg[-1][1]] in roles.first_names):
                if cur_seg:
                    segs.append(cur_seg)
                cur_seg = []
            else:
                cur_seg.append((s, e))
        if cur_seg:
            segs.append(cur_seg)
        for seg in segs:
            _name_candidate(article, text, seg, roles, placed, persons, by_surname, singles, sent_title_case, sent_spans,
                            lower_words)
    return singles


def _title_singles(text, roles, placed, persons, by_surname, singles) -> None:
    """Honorific/title + single name: resolve to a full name with that surname, or a new person."""
    for s, e, units, gender, role, role_units in singles:
        w = text[s:e]
        if placed.hit(s, e):
            continue
        p = _pick_person(by_surname.get(w, []), gender, s)
        if p is None:
            if w in roles.org_words or w.isupper() and len(w) > 1:
                continue
            if any(k == "honorific" and text[us:ue].rstrip(".").lower() == "miss" for us, ue, k in units):
                continue  # "Miss Universe", "Miss Piggy": a title of its own
            p = _Person((w,), canonical_name(w), first=s)
            persons.append(p)
            by_surname.setdefault(w, []).append(p)
        _set_role(p, role, role_units, text, roles, units)
        if gender and not (p.gender_source == "title"):
            p.gender, p.gender_source = gender, "title"
        placed.add(_Mention(p.canonical, "person", s, e, "title+name", (units[0][0], units[-1][1]), p))


def _first_modifiers(text, roles, placed) -> None:
    """The labelling pre-modifier of the mentions so far; titles before curated people add to their roles."""
    for mm in placed.items:
        if mm.modifier is None and mm.how in ("curated", "name"):
            ms, me, units = _premodifier(text, mm.start, roles)
            mm.modifier = (ms, me)
            if mm.person is not None and mm.person.curated and units:
                role, _, role_units = _role_from_units(text, units, roles)
                if role:
                    _add_role_set(mm.person, _heads(role_units, text, roles), role)


def _demonstrative_appositives(text, placed) -> None:
    """'this dangerous phenomenon, ISIS': the demonstrative phrase is a mention of the actor after it."""
    starts = None  # start -> mention of the mentions placed before this step (built at the first match)
    for m in DEM_APPOS_RE.finditer(text):
        if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "'\u2019_"):
            continue
        if starts is None:
            starts = {mm.start: mm for mm in placed.items}
        target = starts.get(m.end())
        if target is not None and not placed.hit(m.start(), m.end() - 1):
            end = len(text[m.start():m.end()].rstrip(" \t,")) + m.start()
            placed.add(_Mention(target.actor, target.kind, m.start(), end, "appositive", person=target.person))


def _last_modifiers(text, roles, placed, sent_title_case, sent_spans) -> None:
    """The labelling pre-modifier of every mention that has none yet; in a headline written in title
    case every word is capitalised, so only a title counts there."""
    for mm in placed.items:
        if mm.modifier is None:
            if mm.how in ("curated", "name", "surname", "first name"):
                mm.modifier = _premodifier(text, mm.start, roles)[:2]
            else:
                mm.modifier = (-1, -1)
        ms, me = mm.modifier
        if ms >= 0 and mm.how != "title+name":
            si = max(0, bisect.bisect_right(sent_spans[0], mm.start) - 1)
            if si not in sent_title_case:
                sent_title_case[si] = _is_title_case(text[sent_spans[0][si]:sent_spans[1][si]]) if sent_spans[0] else False
            if sent_title_case[si]:
                last_word = text[ms:me].split()[-1]
                if _title_info(last_word, roles) is None:
                    mm.modifier = (-1, -1)


def _role_mentions(text, roles, placed, persons, stamp):
    people = [p for p in persons if p.role_heads]
    if not people:
        return
    firsts = {}
    for mm in placed.items:
        if mm.person is not None:
            firsts.setdefault(id(mm.person), []).append(mm.start)
    spans = sorted(mm.modifier for mm in placed.items if mm.person is not None and mm.modifier and mm.modifier[0] >= 0)
    person_ends = {mm.end for mm in placed.items if mm.person is not None}
    rx = _role_mention_re(stamp, frozenset(h for p in people for h in p.role_heads))
    if rx is None:
        return
    for m in rx.finditer(text):
        if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "'\u2019_"):
            continue
        if any(ms < m.end() and m.start() < me for ms, me in spans):
            continue  # the title of a name written next to it ("the Foreign Ministry's spokesperson, Maria Zakharova")
        lo = max(0, m.start() - APPOSITIVE_COMMA_WINDOW)
        before = text[lo:m.start()].rstrip(BLANKS)
        if before.endswith(",") and lo + len(before) - 1 in person_ends:
            continue  # an appositive right after the name ("Jane Doerr, the company's spokeswoman,")
        head = m.group(2)
        info = _title_info(head, roles)
        if not info:
            continue
        canon, hgender = info[1], info[2]
        mods = [_norm_word(w) for w in m.group(1).split()]
        if any(w in roles.boundary or w in roles.determiners for w in mods):
            continue
        cands = []
        for p in people:
            if not _role_fits(p, canon, mods, roles):
                continue
            if hgender and p.gender and p.gender != hgender:
                continue
            cands.append(p)
        if not cands:
            continue
        s = m.start()
        before = [(max([x for x in firsts.get(id(p), []) if x < s], default=-1), p) for p in cands]
        best = max(before, key=lambda t: t[0])
        p = best[1] if best[0] >= 0 else min(cands, key=lambda p: p.first)
        over = placed.overlaps(s, m.end())
        if any(o.kind == "person" or not (s <= o.start and o.end <= m.end()) for o in over):
            continue
        for o in over:
            placed.remove(o)
        if hgender and not p.gender:
            p.gender, p.gender_source = hgender, "title"
        placed.add(_Mention(p.canonical, "person", s, m.end(), "role", person=p))


def _surname_mentions(text, roles, placed, persons, by_surname):
    keys = {}
    for sname, ps in by_surname.items():
        if any(not p.curated for p in ps):
            keys[sname] = "surname"
    firsts = {}
    for p in persons:
        if p.first_name and len(p.first_name) > 2 and not p.first_name.endswith("."):
            firsts.setdefault(p.first_name, []).append(p)
    for f, ps in firsts.items():
        # a curated person with the same first word makes it ambiguous ("Kim" with Kim Jong-un and Kim Jong Il)
        if len(ps) == 1 and not ps[0].curated and f not in keys:
            keys[f] = "first name"
    forms = {k: k for k in keys}
    for k, kind in keys.items():
        if kind == "surname" and len(k) >= 3 and not k.isupper():
            forms.setdefault(k.upper(), k)  # transcripts: "PENCE: ..."
        for a, b in (("'", "\u2019"), ("\u2019", "'")):
            if a in k:
                forms.setdefault(k.replace(a, b), k)  # O'Neill / O\u2019Neill
    for p in persons:
        t = p.name_tokens
        if len(t) >= 3 and t[-2].lower() in roles.particles and t[-1] in keys:
            for part in (t[-2], t[-2][:1].upper() + t[-2][1:]):
                forms[f"{part} {t[-1]}"] = t[-1]
    if not keys:
        return
    # one precompiled regex for every capitalised word (with a particle before it: "de Blasio"),
    # looked up in the article's forms: no regex compiled per article
    hits = []
    for form in sorted(forms, key=len, reverse=True):
        n, i = len(form), text.find(form)
        while i >= 0:
            e = i + n
            if (i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "-'\u2019.")) and \
                    (e >= len(text) or not (text[e].isalnum() or text[e] == "-")) and \
                    not (e + 1 < len(text) and text[e] in "'\u2019" and text[e + 1] not in "sS"):
                hits.append((i, e, forms[form]))
            i = text.find(form, i + 1)
    hits.sort(key=lambda h: (h[0], -h[1]))
    for s, e, w in hits:
        if placed.hit(s, e):
            continue
        if keys[w] == "surname":
            p = _pick_person(by_surname[w], "", s)
        else:
            p = firsts[w][0]
        if p is None:
            continue
        ms, me, units = _premodifier(text, s, roles)
        placed.add(_Mention(p.canonical, "person", s, e, keys[w], (ms, me), p))


def _pronoun_gender(text, items, persons, roles):
    todo = {id(p) for p in persons if not p.gender}
    if not todo:
        return
    votes = {}
    pm = sorted((m for m in items if m.person is not None), key=lambda m: m.start)
    for i, m in enumerate(pm):
        if id(m.person) not in todo:
            continue
        stop = min(pm[i + 1].start if i + 1 < len(pm) else len(text), m.end + PRONOUN_WINDOW)
        hit = roles.pronoun_re.search(text, m.end, stop)
        if hit:
            g = roles.gender_words[hit.group(1).lower()]
            votes.setdefault(id(m.person), []).append(g)
    for p in persons:
        v = votes.get(id(p))
        if not p.gender and v:
            f, ma = v.count("female"), v.count("male")
            if f != ma:
                p.gender, p.gender_source = ("female" if f > ma else "male"), "pronoun"
