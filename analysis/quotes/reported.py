"""Reported speech from the cue verbs outside quotation marks: "X says (that) CONTENT", "CONTENT,
X said.", "CONTENT1, X said, CONTENT2", "according to X, CONTENT", "X, who expressed concern over
CONTENT", ", adding that CONTENT". A quotation inside the reported clause makes it ``mixed``.
"""
from __future__ import annotations

import re

from .grammar import (LOWER_ING_ED_RE, clause_start, complement, content_end, head_noun, is_cap, junk_mention, passive,
                      skip_after_cue)
from .layout import Cue, Utt
from .marks import BLANKS, QUOTE_CHARS, WORD_RE, at_least
from .sources import source_after
from .clause_end import (MIN_CONTENT_WORDS, as_complement, fronted_clause_end, next_coordinated, next_own_speaker,
                         np_end, report_end, source_of)
from .spans import Offsets, Spans

QUOTED_OBJECT_WINDOW = 60  # characters after a belief/evaluation cue in which a quotation makes it a report
PREV_WORD_WINDOW = 30  # characters before a cue searched for the word before it
CALL_LABEL_WINDOW = 25  # characters before "call" searched for 'what they call'
MIN_CONTENT_CHARS = 8  # a reported clause has at least this many characters
LEAD_ADVERBIAL_MAX_WORDS = 3  # 'In addition,' before a sentence-initial 'according to'
MIN_LEAD_WORDS = 3  # 'CONTENT, X said.': the content before the cue has at least this many words
SUBJECT_MAX_WORDS = 8  # the subject opening a sentence, speaker of a participle cue, has at most this many words
QUOTE_COMMA_WINDOW = 8  # characters before a participle cue searched for '...," adding'
EXPLETIVE_MAX_CHARS = 3  # 'it said' / 'there': an expletive subject is this short
PARTICIPLE_WINDOW = 30  # characters after a quotation searched for ', adding'
# cue types whose content must be a clause, a quotation or (evaluation) the thing judged: see _content_fits
CLAUSE_ONLY_TYPES = ("belief", "knowledge", "evaluation")
# sentence-final attributions and 'according to' are taken first: a cue inside their content is nested
FIRST_RULES = ("final", "parenthetical", "according")
_COMMA_RE = re.compile(r",")
_WHAT_THEY_CALL_RE = re.compile(r"(?:\bwhat\s+\w+|\bso)[\s\-]*$", re.I)
_PARTICIPLE_RE = re.compile(r"[\s,]*([a-z]+ing)\b")
_PROGRAMME_NEXT_RE = re.compile(r"[ \t\u00a0]*(?:[,.;:)\u2014]|(?:on|with|in|at|for|host|hosts|starring)\b|[A-Z])")


def attribute(an) -> None:
    """Reported speech of every cue not used by a quotation (an utterance each, in ``an.utts``)."""
    doc = an.doc
    cands = []
    for c in doc.cues:
        if c.used or c.info is None:
            continue
        r = _reported(an, c)
        if r is not None:
            cands.append(r)
            src = r[1].src
            if src is not None and an.doc.text[src[0]:src[1]].lower() not in an.g.rel:
                # a clause's own subject, for a participle or coordinated cue after it ('who ...' is no subject)
                an.memo.setdefault("candidates", []).append((c.start, src, r[1].ante))
    # sentence-final attributions and 'according to' first: a cue inside their content is nested
    cands.sort(key=lambda r: (0 if r[0] in FIRST_RULES else 1, r[1].start))
    starts = [u.start for u in an.utts] + [u.start for _, u in cands]
    taken, bad = Spans(starts), Spans(starts)  # every utterance; those attributed by a cue other than a colon
    for u in an.utts:
        taken.add(u.start, u.end)
        if u.cue is not None and u.how != "colon":
            bad.add(u.start, u.end)
    cue_starts = Offsets(u.cue.start for u in an.utts if u.cue is not None)
    for how, u in cands:
        if _accept(an, how, u, taken, bad, cue_starts):
            c = u.cue
            taken.add(u.start, u.end)
            bad.add(u.start, u.end)
            cue_starts.add(c.start)


def _accept(an, how: str, u: Utt, taken: Spans, bad: Spans, cue_starts: Offsets) -> bool:
    """Take the reported-speech candidate ``u`` unless its cue lies in an utterance taken, it overlaps
    one without containing it, its content swallows another utterance's cue (a parenthetical may),
    or it contains a quotation attributed by a cue of its own; a quotation inside makes it mixed."""
    c = u.cue
    if taken.covers(c.start):
        return False
    if taken.crosses(u.start) or taken.crosses(u.end):
        return False  # overlaps an utterance without containing it: keep the earlier one
    if cue_starts.any_in(u.start, u.end) and how != "parenthetical":
        return False  # the content would swallow another utterance's cue
    if bad.inside(u.start, u.end):
        return False  # a quotation with its own cue inside the reported clause
    segs = [s for s in an.doc.segs_in(u.start, u.end) if s.role != "scare"]
    if segs:
        whole = len(segs) == 1 and segs[0].start <= u.start + 1 and segs[0].end >= u.end - 1
        u.kind = "direct" if whole else "mixed"
        for s in segs:
            s.role = "embedded"
        u.parts = [x for s in segs for x in (s.start, s.end)]
        u.segs = segs
    c.used = True
    u.how = how
    an.add(u)
    return True


def _reported(an, c: Cue):
    """One cue outside quotation marks as reported speech: (how, utterance) or None."""
    doc, g, text = an.doc, an.g, an.doc.text
    _si, ss, se, p = doc.sentence_at(c.start)
    if c.start < ss or doc.pvoice[p] == "boilerplate":
        return None
    s_end = content_end(text, ss, se)
    if c.info.frame == "according":
        return _according(an, c, ss, s_end, p)
    prev_tok = doc.tokens(max(ss, c.start - PREV_WORD_WINDOW), c.start)
    prev_word = prev_tok[-1][2].lower() if prev_tok else ""
    if not _speech_cue(an, c, ss, prev_tok, prev_word):
        return None
    form0 = c.form.lower().split()[0]
    res = source_of(an, c, ss)
    if text[ss:c.start].rstrip().endswith(",") and c.info.frame in ("clause", "tell") and not form0.endswith("ing") \
            and (res is None or res[1] is None):
        # inverted attribution: 'CONTENT, said X.' / 'CONTENT1, said X, CONTENT2.'
        s2 = source_after(doc, g, c.end, s_end)
        if s2 is not None and text[s2[0]:s2[1]].split()[0].lower().strip(",.") not in g.adjunct:
            return _inverted(an, c, s2, ss, s_end, p)
    if form0.endswith("ing") and (prev_word == "," or prev_word in ("\"", "\u201d")
                                  and text[max(0, c.start - QUOTE_COMMA_WINDOW):c.start].rstrip()[-2:-1] == ","):
        return _participle(an, c, ss, s_end, p)
    if res is not None:
        src, ante, comma, _a, _toks = res
        w0 = text[src[0]:src[1]].split()[0].lower().strip(",")
        if (w0 in g.expletive and src[1] - src[0] <= EXPLETIVE_MAX_CHARS
                and not (w0 == "it" and c.info.type == "speech")):
            return None  # 'there', 'it' before a belief verb; 'It said' is an organisation or document speaking
        if not _plausible_source(an, c, src, ante):
            return None
    else:
        src = ante = None
        comma = -1
        if prev_word in ("and", "but") or subject_verb_chain(an, c, ss):
            # 'He expressed concern about X and said Y', 'He went on to say', 'She began by saying':
            # the subject of the first verb
            src, ante = participle_subject(an, ss, c.start) or (None, None)
    after = skip_after_cue(doc, g, c, s_end, c.info.frame)
    if src is None:
        return None
    if comma >= 0 and c.info.frame in ("clause", "tell") and comma > ss:
        hit = _content_before(an, c, (src, ante), comma, after, ss, s_end, p)
        if hit is not None:
            return hit
    return _content_after(an, c, (src, ante), ss, after, s_end, p)


def _content_opens(an, a: int, b: int) -> bool:
    """Does a reported clause at ``text[a:b]`` open as one: with a word or a quotation mark, not a
    conjunction or a dash ('singing and dancing', 'added -- a move that ...')?"""
    text = an.doc.text
    while a < b and text[a].isspace():
        a += 1
    if a >= b:
        return False
    if not text[a].isalnum():
        return text[a] in QUOTE_CHARS
    m = WORD_RE.match(text, a, b)
    return m is None or m.group().lower() not in an.g.conjunction


_PHRASE_STOP_RE = re.compile(r"[,;]")


def _content_fits(an, c: Cue, a: int, b: int) -> bool:
    """Does the content after a cue (from ``a``) fit its type? A belief or knowledge verb needs a
    clause or a quotation ('believes that ...', not 'found a man', 'felt trapped'); an evaluation verb
    may take the thing it judges ('criticized the plan'), but not a bare pronoun ('blasted him') and
    not after 'call' ('called the police' is a telephone call); a performance verb (sing, chant,
    shout) needs a clause or a quotation ('allowing singing and dancing' reports nothing)."""
    text, g = an.doc.text, an.g
    # a quotation makes the content a report only within the cue's own phrase: up to the first comma or
    # semicolon ('not answering the phone, Harry suggested ... "took matters into my own hands"' is no report)
    w_end = min(b, a + QUOTED_OBJECT_WINDOW)
    stop = _PHRASE_STOP_RE.search(text, a, w_end)
    if stop is not None:
        w_end = stop.start()
    if c.info.verb in g.performance_verbs:
        return complement(text, g, a, b) in ("clause", "quote") or an.doc.has_quote(a, w_end)
    if c.info.type not in CLAUSE_ONLY_TYPES and c.info.verb not in g.clause_only_verbs:
        return True
    if c.info.verb in g.call_verbs and text[a:a + 1] in QUOTE_CHARS:
        return False  # 'called "the Butcher"' with nothing called so: a name, no judgment reported
    if complement(text, g, a, stop.start() if stop is not None else b) in ("clause", "quote") \
            or an.doc.has_quote(a, w_end):
        return True  # a clause, or a quotation in what follows ('called the plan "totally misleading"')
    if c.info.verb in g.call_verbs:
        # 'called him a kind, loving and admirable person', 'calls himself a democratic socialist': a
        # judgment of someone (a bare 'called the police' is a telephone call)
        words = WORD_RE.findall(text, a, min(b, a + QUOTED_OBJECT_WINDOW))
        return len(words) >= 3 and words[0].lower() in g.object_pron | REFLEXIVES and words[1].lower() != "to"
    if c.info.type != "evaluation":
        return False
    first = WORD_RE.match(text, a, b)
    return first is not None and first.group().lower() not in g.object_pron and first.group().lower() not in g.pron


def _finding(an, c: Cue, src, a: int, b: int) -> bool:
    """Is the noun-phrase content of a knowledge cue a document's finding ('A University of New
    Hampshire poll shows Clinton with an 8-point lead', 'a June poll found Trump receiving 20 percent')?
    A poll, study or report reports what it shows; a person who 'found a man lying' reports nothing."""
    if c.info.type != "knowledge" or src is None or c.info.verb in an.g.call_verbs:
        return False
    words = [w.strip(".,;:") for w in an.doc.text[src[0]:src[1]].lower().replace("\u2019", "'").split()]
    heads = [w[:-2] if w.endswith("'s") else w for w in words[-2:]]  # 'a poll out (this week)'
    if not any(h in an.g.document_noun or h.endswith("s") and h[:-1] in an.g.document_noun for h in heads):
        return False
    first = WORD_RE.match(an.doc.text, a, b)
    if first is None or first.group().lower() in an.g.pron and first.group().lower() not in an.g.object_pron:
        return False  # 'shows her with a net positive' is a finding; 'found it' is not
    return complement(an.doc.text, an.g, a, b) == "np"


def _plausible_source(an, c: Cue, src, ante) -> bool:
    """Can the phrase ``src`` before a cue be the source of reported speech? Not the writer's own first
    person outside quotation marks ('I think', 'we learned': the author's voice, no report), nor a
    phrase that names nobody (:func:`~.grammar.junk_mention`: the verb was no cue), nor a
    relative pronoun of a restrictive clause with a belief, knowledge or evaluation verb ('mayors who
    endorsed Bloomberg', 'anyone who knows'), which describes people instead of reporting them."""
    text, g = an.doc.text, an.g
    words = text[src[0]:src[1]].lower().split()
    if words and words[0] in g.first_person and an.doc.in_quote(c.start) is None:
        return False
    if words and words[0] in _NO_SOURCE:
        return False  # 'none of the House Democrats have endorsed', 'Neither WaPo nor NYT mentioned': nobody speaks
    if ante is None and junk_mention(g, text[src[0]:src[1]]):
        return False  # 'Charles was not' (answering the phone), 'One of the big' (questions): no source
    if len(words) == 1 and words[0] in g.rel and c.info.type in CLAUSE_ONLY_TYPES:
        k = src[0]
        while k > 0 and text[k - 1].isspace():
            k -= 1
        if k == 0 or text[k - 1] != ",":
            return False
    return True


def _speech_cue(an, c: Cue, ss: int, prev_tok, prev_word: str) -> bool:
    """Is the cue at ``c`` a report of speech here (no label 'what they call', no participle opening
    the sentence, no infinitive, no programme called a show, no passive)?"""
    doc, text = an.doc, an.doc.text
    low = c.form.lower()
    if an.doc.headline(c.start):
        return False  # a headline or sub-heading reports nobody's speech
    if c.start != ss and c.form[:1].isupper() and not c.form.isupper():
        return False  # 'campaigners Hope Not Hate': a capitalised word inside a sentence is a name, no verb
    if c.info.verb == "call" and _WHAT_THEY_CALL_RE.search(text[max(ss, c.start - CALL_LABEL_WINDOW):c.start]):
        return False  # 'what they call "moderate"': a label, not speech
    if c.info.verb in an.g.call_verbs and len(prev_tok) >= 2 and prev_word.isalpha() and prev_word.islower() \
            and prev_word not in an.g.pron and prev_word not in an.g.aux and prev_tok[-2][2].lower() in an.g.det \
            and not head_noun(prev_word, an.g):
        return False  # 'a song called "We Are the World"': a name given, no report
    if c.info.type == "belief" and any(t[0] >= ss and t[2].lower() in an.g.speculation
                                       for t in prev_tok[-SPECULATION_WINDOW:]):
        return False  # 'officials probably hoped that ...': the writer's guess, nobody reported
    if c.start == ss and low not in ("says", "said"):
        return False  # 'Asked about ...', 'Speaking to ...': a participle opening the sentence
    if prev_word == "to" and not subject_verb_chain(an, c, ss):
        return False  # an infinitive: 'refused to discuss', 'wants to say'
    if low == "show" and prev_tok and is_cap(prev_tok[-1][2]) and _PROGRAMME_NEXT_RE.match(text, c.end):
        return False  # 'the Daily Show with ...', 'Apple Music show The 411': a programme, not 'polls show that'
    if _noun_use(an, c, prev_tok) or _reduced_relative(an, c, prev_tok) or _negated(an, c, ss, prev_tok):
        return False
    return not passive(doc, an.g, c)


_POSSESSIVE_END = ("'s", "\u2019s", "s'", "s\u2019")
# determiners before a noun, never before a verb ('many fear', 'some say' are subject and verb)
_NOUN_DET = frozenset({"a", "an", "the", "his", "her", "its", "their", "our", "my", "your", "no", "every", "another"})
_NEGATION = frozenset({"not", "never", "neither", "nor", "n't"})
SPECULATION_WINDOW = 4  # tokens before a belief verb searched for the writer's 'probably'
NEGATION_WINDOW = 4  # tokens before a cue searched for 'did not', 'Neither ... nor'
REFLEXIVES = frozenset({"himself", "herself", "itself", "themselves", "myself", "ourselves"})
_NO_SOURCE = frozenset({"none", "no", "nobody", "neither", "nor", "no-one"})
_NEGATED_VERBS = frozenset({"respond", "comment", "mention", "return"})  # 'did not respond to requests for comment'


def _noun_use(an, c: Cue, prev_tok) -> bool:
    """Is the one-word cue form a noun here: after a determiner or possessive ('the pledges', 'his
    warning', "Trump's claims", 'his radio show'), or right after a finite verb ('says pledges from
    the world's governments ... aren't enough')?"""
    form = c.form.lower()
    if " " in form or not prev_tok or form.endswith("ed") or form in an.g.participles or form == "said":
        return False
    g = an.g
    p = prev_tok[-1][2].lower().replace("\u2019", "'")
    if p in _NOUN_DET or p.endswith(_POSSESSIVE_END) and p[:-2] not in g.contracted:
        nxt = WORD_RE.match(an.doc.text, c.end + 1)
        # 'his warning that ...', "Trump's claim that ...": the possessor's reported words
        return not (nxt is not None and nxt.group().lower() == "that" and (p in g.pron or p.endswith(_POSSESSIVE_END)
                                                                            or p in ("his", "its", "their", "our")))
    if form.endswith("s") and (p in g.finite or g.lookup(p) is not None and p.endswith("s")):
        return True
    nxt = WORD_RE.match(an.doc.text, c.end + 1)
    if form.endswith("s") and not form.endswith("ss") and nxt is not None and nxt.group().lower() == "of" \
            and an.doc.text[c.end:nxt.start()].strip() == "":
        return True  # 'claims of momentum', 'reports of violence'
    if form == "show" and len(prev_tok) >= 2 and prev_tok[-2][2].lower() in g.det and p.isalpha() and p.islower() \
            and not p.endswith("s") and p not in g.group_noun:
        return True  # 'his radio show' ('the polls show' has a plural subject)
    return False


def _reduced_relative(an, c: Cue, prev_tok) -> bool:
    """Is a past-participle cue a reduced relative after a noun ('the main greenhouse gas blamed for
    climate change', 'The targets agreed in Paris on cutting emissions would not be enough'): a
    transitive cue followed directly by a preposition, or a cue followed by a preposition whose
    sentence goes on with a finite verb and no subject of its own?"""
    g, text = an.g, an.doc.text
    form = c.form.lower().split()[0]
    if not prev_tok or not (form.endswith("ed") or form in g.participles):
        return False
    p = prev_tok[-1][2]
    if not (p.isalpha() and p.islower()) or p.lower() in g.aux or p.lower() in g.pron or p.endswith("ly") \
            or p.lower() in g.boundary or p.lower() in g.rel:
        return False
    nxt = WORD_RE.match(text, c.start + len(c.form.split()[0]) + 1)
    if nxt is None or nxt.group().lower() not in g.prep or nxt.group().lower() in ("that", "to"):
        return False
    if c.info.frame == "object":
        return True
    _, _, se, _ = an.doc.sentence_at(c.start)
    for m in WORD_RE.finditer(text, nxt.end(), se):
        w = m.group().lower()
        if w in g.complementizer or w in g.subject_pron or text[m.start() - 2:m.start()].strip() == ",":
            return False
        if w in g.finite:
            return True
    return False


def _negated(an, c: Cue, ss: int, prev_tok) -> bool:
    """Is the cue negated so that nothing is said: 'did not respond to requests for comment', 'Neither
    WaPo nor NYT mentioned the report's findings'?"""
    words = [t[2].lower().replace("\u2019", "'") for t in prev_tok[-NEGATION_WINDOW:] if t[0] >= ss]
    if "neither" in words or "nor" in words:
        return True
    neg = any(w in _NEGATION or w.endswith("n't") for w in words)
    return neg and c.info.verb in _NEGATED_VERBS


def _according(an, c: Cue, ss: int, s_end: int, p: int):
    """'According to X, CONTENT.' / 'CONTENT, according to X.' / 'CONTENT, according to X, CONTENT2.'"""
    doc, text = an.doc, an.doc.text
    lead = text[ss:c.start]
    k = max(lead.rfind(":"), lead.rfind(";"))
    if k >= 0:
        ss, lead = ss + k + 1, lead[k + 1:]  # 'it hasn't gone unnoticed: According to recent polls, ...'
    if not lead.strip(BLANKS + "\u2014\u2013-:") or _adverbial_lead(an.g, lead):
        m = _COMMA_RE.search(text[c.end:s_end])
        if not m:
            return None
        comma = c.end + m.start()
        src = (c.end + len(text[c.end:comma]) - len(text[c.end:comma].lstrip()), comma)
        a = comma + 1
        while a < s_end and text[a] in BLANKS:
            a += 1
        if s_end - a < MIN_CONTENT_CHARS:
            return None
        return "according", Utt(a, s_end, "indirect", c, src, None, p)
    lead_s = lead.rstrip()
    src = source_after(doc, an.g, c.end, s_end)
    if src is None:
        src = (c.end + 1, s_end) if s_end > c.end + 1 else None
    if src is None or not lead_s.endswith(","):
        return None
    a = clause_start(text, ss, ss)
    b = ss + len(lead_s) - 1
    if b - a < MIN_CONTENT_CHARS:
        return None
    src = _source_before_predicate(an, src)  # 'Fundraising, according to the campaign, has surged'
    # the clause after 'according to X, ...' may continue the sentence (parenthetical); words after the
    # source without a comma go on with it ('according to a report issued Monday ... in South Korea')
    rest = text[src[1]:s_end].strip(BLANKS + ",")
    if rest and not text[src[1]:s_end].lstrip(BLANKS).startswith(","):
        src, rest = (src[0], s_end), ""
    if rest and at_least(rest, 0, len(rest), MIN_LEAD_WORDS) and not _source_clause(an, rest):
        return "parenthetical", Utt(a, s_end, "indirect", c, src, None, p)
    return "according", Utt(a, b, "indirect", c, src, None, p)


def _source_clause(an, tail: str) -> bool:
    """Is the text after an inverted speaker a relative clause about that speaker ('..., said Ed
    Rendell, who serves as chairman of ...', '..., according to the SITE Intelligence Group, which
    monitors ...') or an indefinite appositive ('..., said David Autor, a professor at M.I.T., who ...'),
    not a second part of the content?"""
    g = an.g
    tail = tail.lstrip(BLANKS + ",")
    m = WORD_RE.match(tail)
    w = m.group().lower() if m is not None else ""
    if (w in g.prep or w in g.link_prep or w in g.place_prep) and "," in tail:
        # the speaker's phrase goes on ('..., a professor at M.I.T., who ...'): what follows its comma
        return _source_clause(an, tail[tail.index(","):])
    return w in g.rel and w != "that" or w in g.indefinite and w != "one"


def _adverbial_lead(g, lead: str) -> bool:
    """Is the text before a sentence-initial 'according to' a short adverbial with its comma ('But,',
    'In addition,', 'However,'), not the content of a final attribution?"""
    words = lead.strip(BLANKS + ",").lower().split()
    return lead.rstrip().endswith(",") and 0 < len(words) <= LEAD_ADVERBIAL_MAX_WORDS \
        and all(w in g.boundary or w in g.aside or w in g.not_speaker or w in g.adjunct or w == "addition"
                for w in words)


def _source_before_predicate(an, src):
    """The source of 'CONTENT, according to SRC[, APPOSITIVE], PREDICATE' without the predicate that
    goes on with the content ('Fundraising, according to the campaign, has surged'; 'At the heart of
    the trouble, according to Dennis Ross, another former envoy, was a decision'): the span up to
    the comma before a segment that opens with a verb."""
    text, g = an.doc.text, an.g
    k = src[0]
    while True:
        comma = text.find(",", k, src[1])
        if comma < 0:
            return src
        m = WORD_RE.search(text, comma, src[1])
        if m is None:
            return src
        w = m.group().lower()
        if w in g.finite or w in g.aux and w not in g.aside or w.endswith("n't") or LOWER_ING_ED_RE.match(m.group()) \
                and w.endswith("ed"):
            return src[0], comma
        k = comma + 1


def _inverted(an, c: Cue, src, ss: int, s_end: int, p: int):
    """'CONTENT, said X.' / 'CONTENT1, said X, CONTENT2.' (``src``: the speaker after the cue)."""
    doc, text = an.doc, an.doc.text
    a = clause_start(text, ss, ss)
    b = ss + len(text[ss:c.start].rstrip()) - 1
    if not at_least(text, a, b, MIN_LEAD_WORDS):
        return None
    tail = text[src[1]:s_end].strip(BLANKS + ",")
    if tail and at_least(tail, 0, len(tail), MIN_LEAD_WORDS) and not participle_at(doc, src[1], s_end) \
            and not _source_clause(an, tail):
        return "parenthetical", Utt(a, s_end, "indirect", c, src, None, p)
    return "final", Utt(a, b, "indirect", c, src, None, p)


def _participle(an, c: Cue, ss: int, s_end: int, p: int):
    """A participle continuing an attribution: ', adding that ...', ', saying ...'."""
    subj = participle_subject(an, ss, c.start)
    if subj is None:
        return None
    a = skip_after_cue(an.doc, an.g, c, s_end, c.info.frame)
    if s_end - a < MIN_CONTENT_CHARS or not _content_opens(an, a, s_end):
        return None
    if not _content_fits(an, c, a, s_end):
        return None
    u = Utt(a, s_end, "indirect", c, subj[0], subj[1], p)
    u.how = "participle"
    return "participle", u


def _content_before(an, c: Cue, speaker, comma: int, after: int, ss: int, s_end: int, p: int):
    """'CONTENT, X said.' / 'CONTENT1, X said, CONTENT2.' (``comma``: the comma before the speaker
    phrase; ``after``: where a content after the cue would start), or None."""
    doc, text = an.doc, an.doc.text
    src, ante = speaker
    first = WORD_RE.search(text, after, s_end)  # the first word of a content after the cue
    a = clause_start(text, ss, ss)
    if not at_least(text, a, comma, MIN_LEAD_WORDS):
        return None
    if first is None or text[c.end:first.start()].strip().startswith(";") or _hearer_only(an, c, s_end):
        # 'CONTENT, X said; ...', 'CONTENT, an official told The New York Times.': nothing reported after the cue
        return "final", Utt(a, comma, "indirect", c, src, ante, p)
    if "," in text[c.end:after][-3:] + text[c.end:c.end + 2] and text[c.end:after].strip().endswith(",") \
            and not participle_at(doc, after - 1, s_end) and first.group().lower() != "that":
        return "parenthetical", Utt(a, s_end, "indirect", c, src, ante, p)
    if participle_at(doc, after, s_end) and first.group() != "that":
        return "final", Utt(a, comma, "indirect", c, src, ante, p)
    return None


HEARER_MAX_WORDS = 6  # 'told The New York Times on Monday': a named hearer ending the sentence is this short


def _hearer_only(an, c: Cue, s_end: int) -> bool:
    """Is all that follows a 'tell' cue to the end of its sentence a named hearer with a time adjunct
    ('told The New York Times', 'told CNN on Sunday'), so that the cue reports the words before it?"""
    if c.info.frame != "tell":
        return False
    g, text = an.g, an.doc.text
    words = WORD_RE.findall(text, c.end, s_end)
    if not words or len(words) > HEARER_MAX_WORDS or not (is_cap(words[0]) or words[0].lower() in g.det):
        return False
    return all(is_cap(w) or w.lower() in g.det or w.lower() in g.time or w.lower() in g.time_prep
               or w.lower() in g.np_inner for w in words)


def _content_after(an, c: Cue, speaker, ss: int, after: int, s_end: int, p: int):
    """'X said (that) CONTENT': the clause after the cue, up to ', but', a dash or a semicolon, or
    up to the next cue coordinated with this one ('... and said Y', ', adding that Y')."""
    text = an.doc.text
    src, ante = speaker
    if not at_least(text, after, s_end, MIN_CONTENT_WORDS) or not _content_opens(an, after, s_end):
        return None
    if not _content_fits(an, c, after, s_end) and not _finding(an, c, src, after, s_end):
        return None  # 'found a man lying', 'endorsed Sanders', 'felt trapped': no reported clause
    end = s_end
    stop = report_end(an, ss, after, s_end)
    if stop is not None and at_least(text, after, stop, MIN_CONTENT_WORDS):
        end = stop  # 'he will vote for Clinton, but he has not endorsed her': the report ends at ', but'
    if (c.info.frame == "object" or c.info.type == "evaluation") and complement(text, an.g, after, end) == "np":
        end = as_complement(an, np_end(an, after, end, commas=c.info.verb not in an.g.call_verbs), end)
    fronted = fronted_clause_end(an, ss, c, after, end)
    if fronted is not None:
        end = fronted  # 'While the candidates say A, they differ ...': the report ends with its clause
    own = next_own_speaker(an, ss, after, end)
    nxt = next_coordinated(an, c, after, end)
    if nxt is not None:
        end = nxt
    if own is not None:
        end = min(end, own)
    return "reported", Utt(after, end, "indirect", c, src, ante, p)


_GO_ON_TO_RE = re.compile(r"\b(?:(?:went|goes|go|going|gone)\s+on|continue[sd]?|continuing)\s+to\s*$", re.I)
_BY_ING_RE = re.compile(r"\b(?:by|before|after|while)\s*$", re.I)
CHAIN_WINDOW = 25  # characters before a cue searched for 'went on to', 'by'


def subject_verb_chain(an, c: Cue, ss: int) -> bool:
    """Is the cue the second verb of its subject ('He went on to say', 'She began by saying', 'he paused
    before saying')? Then the sentence's subject speaks."""
    pre = an.doc.text[max(ss, c.start - CHAIN_WINDOW):c.start]
    if _GO_ON_TO_RE.search(pre):
        return True
    return c.form.lower().endswith("ing") and _BY_ING_RE.search(pre) is not None


def participle_subject(an, ss: int, pos: int):
    """Speaker of a participle cue (', saying ...'): the speaker of an earlier attribution in the
    same sentence, else the noun phrase opening the sentence. (src, ante) or None."""
    prior = an.last_cued(ss, pos)
    cand = next((x for x in reversed(an.memo.get("candidates", ())) if ss <= x[0] < pos), None)
    if cand is not None and (prior is None or cand[0] > prior.cue.start):
        return cand[1], cand[2]  # 'the company said A, warning that B' (a reported candidate before it)
    if prior is not None:
        return prior.src, prior.ante
    toks = an.doc.tokens(ss, pos)
    g = an.g
    k = 0
    # skip an opening adverbial ("On Monday, ...", "In a statement, ...")
    if toks and toks[0][2].lower() in g.boundary:
        while k < len(toks) and toks[k][2] != ",":
            k += 1
        k += 1
    j = k
    while j < len(toks) and toks[j][2][0].isalnum() and (is_cap(toks[j][2]) or toks[j][2].lower() in g.det
                                                         or toks[j][2].lower() in g.roles \
                                                                 or toks[j][2].lower() in g.pron):
        j += 1
    if j < len(toks) and j > k and toks[j - 1][2].lower() in g.det:
        # 'The departments declined ...': common nouns after the determiner
        while j < len(toks) and _common_word(g, toks[j][2]):
            j += 1
    if j == k or j - k > SUBJECT_MAX_WORDS or toks[j - 1][2].lower() in g.det:
        return None
    return (toks[k][0], toks[j - 1][1]), None


def _common_word(g, w: str) -> bool:
    """Can the lower-case token ``w`` be part of a noun phrase after its determiner (not a verb
    form, auxiliary, function word or cue)?"""
    low = w.lower()
    return w[:1].isalpha() and w.islower() and low not in g.aux and low not in g.finite \
        and low not in g.boundary and low not in g.forms and not LOWER_ING_ED_RE.match(w) and low not in g.pron


def participle_at(doc, pos: int, hi: int) -> bool:
    """Is the text at ``pos`` ', adding ...' (a participle cue continuing the attribution)?"""
    m = _PARTICIPLE_RE.match(doc.text[pos:min(hi, pos + PARTICIPLE_WINDOW)])
    return bool(m and doc.lx.lookup(m.group(1)))
