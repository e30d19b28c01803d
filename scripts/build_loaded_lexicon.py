"""Build the learned part of ``data/lexicons/loaded_terms.csv`` from the PTC train split, and
cross-validate the whole lexicon (curated + learned) by article.

    .venv/bin/python scripts/build_loaded_lexicon.py --cv      # 5-fold CV figure (learned part rebuilt per fold)
    .venv/bin/python scripts/build_loaded_lexicon.py --nested  # nested CV over the learning / pruning settings
    .venv/bin/python scripts/build_loaded_lexicon.py --write   # learn on all folds, rewrite the CSV

The lexicon CSV has two kinds of rows (column ``origin``):

* ``curated``: written by hand from general knowledge of loaded language, the Recasens et al. (2013)
  bias lexicon and the bundled article; never learned. Their wording is never changed here, but
  a curated row with ``status`` ``on`` that PTC annotators rarely marked (at least
  ``PRUNE_MIN_USES`` uses, under ``PRUNE_THETA`` of them inside Loaded_Language spans) is switched
  ``off`` (kept in the file, not matched). The same test per word form of a single-word
  stem/prefix row that stays on puts the failing forms in ``except_forms`` (the row no longer
  matches them; "aggression" keeps "aggressive"). Inside cross-validation these checks use the
  training folds only. Rows with ``status`` ``core`` (the entries the bundled article needs) are
  never switched off and never get ``except_forms``.
* ``learned``: words that PTC annotators marked as Loaded_Language often
  enough (in at least ``MIN_ARTICLES`` articles, ``MIN_INSIDE`` times, and in at least ``THETA`` of
  all their uses), excluding function words, proper nouns, numbers and what the curated rows already
  cover; then exact word forms (``match = exact``) that pass the same test on their own while their
  stem as a whole does not. On ``--write`` the category and rationale of a learned row that was reviewed by hand (its
  ``source`` mentions "reviewed") are kept; new rows get a generated rationale and category
  ``unreviewed``.

The learner reads only ``../shared/eval/loaded`` (scripts may; the product never does). It never
writes sentences: only single words with counts.
"""
from __future__ import annotations

import argparse
import collections
import csv
import itertools
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
PTC_DIR = ROOT.parent / "shared" / "eval" / "loaded"
LEXICON_CSV = ROOT / "data" / "lexicons" / "loaded_terms.csv"
sys.path.insert(0, str(ROOT))

from analysis import lexicons, loaded, resources  # noqa: E402

FIELDS = ["term", "category", "polarity", "match", "status", "rationale", "source", "origin", "ptc_inside", "ptc_uses", "ptc_articles",
          "except_forms"]
MIN_INSIDE = 2      # occurrences inside Loaded_Language spans
MIN_ARTICLES = 2    # ... in at least this many different articles
THETA = 0.35        # share of all uses that fall inside a span (smoothed: inside / (uses + 1))
PRUNE_THETA = 0.2  # curated rows (status on) under this share of uses inside spans are switched off ...
PRUNE_MIN_USES = 5  # ... when they were used at least this often in the training folds
FORMS = True  # word-form level: learn exact forms whose stem as a whole does not qualify, and give curated
#               rows except_forms (forms under PRUNE_THETA with PRUNE_MIN_USES uses, like whole rows)
_HYPHEN = re.compile(r"[^-]+")


def ptc():
    sys.path.insert(0, str(PTC_DIR))
    import ptc as mod  # noqa: E402

    return mod


def tokens(text: str):
    """The matcher's token stream: WORD_RE tokens, hyphenated ones split, with offsets and a flag
    for "joined to the previous token" (no punctuation between)."""
    out, prev = [], None
    for m in resources.WORD_RE.finditer(text):
        for p in _HYPHEN.finditer(m.group()):
            s, e = m.start() + p.start(), m.start() + p.end()
            joined = prev is not None and loaded.JOIN_RE.fullmatch(text, prev, s) is not None
            out.append((s, e, p.group(), joined))
            prev = e
    return out


def _inside(spans, s, e):
    return any(a < e and s < b for a, b in spans)


class Corpus:
    """PTC train articles as token streams with Loaded_Language marks, and the sentence table."""

    def __init__(self):
        mod = ptc()
        self.fold = mod.fold
        self.articles = {}
        for aid, text, spans in mod.articles():
            ll = [(s, e) for t, s, e in spans if t == "Loaded_Language"]
            toks = [(s, e, w, j, _inside(ll, s, e)) for s, e, w, j in tokens(text)]
            self.articles[aid] = (text, ll, toks)
        self.sentences = mod.sentences()
        fw = lexicons.load("english_function_words")
        self.function_words = set(fw[fw.columns[0]].str.lower())

    def ids(self, folds):
        return [a for a in self.articles if self.fold(a) in folds]


def learn(corpus: Corpus, ids, covered: set, theta=THETA, min_inside=MIN_INSIDE, min_articles=MIN_ARTICLES,
          forms=FORMS) -> pd.DataFrame:
    """Learned single-word entries from the articles ``ids``: words PTC annotators put inside
    Loaded_Language spans at least ``min_inside`` times in ``min_articles`` articles and in at
    least ``theta`` of their uses (inside / (uses + 1)); never function words, numbers, words
    mostly capitalised mid-sentence (names) or words a curated entry already covers.

    First by stem (``match = stem``: the word and its inflections pass the test together); then,
    with ``forms``, by exact word form (``match = exact``) for forms that pass the same test
    on their own while their stem as a whole does not (its other forms are mostly neutral:
    "disturbing" is loaded, "disturb"/"disturbed"/"disturbance" mostly are not).
    (Two-word phrases were tried too and did not raise the cross-validated F1; they are not learned.)"""
    ins, uses, arts, spellings, caps = (collections.Counter(), collections.Counter(), collections.defaultdict(set),
                                    collections.defaultdict(collections.Counter), collections.Counter())
    f_ins, f_uses, f_arts, f_caps = collections.Counter(), collections.Counter(), collections.defaultdict(set), collections.Counter()
    for aid in ids:
        _, _, toks = corpus.articles[aid]
        for i, (s, e, w, joined, inside) in enumerate(toks):
            k = loaded.stem(w)
            low = loaded.normalise(w)
            cap = w[:1].isupper() and i > 0 and toks[i - 1][3]  # capitalised mid-sentence
            uses[k] += 1
            caps[k] += cap
            f_uses[low] += 1
            f_caps[low] += cap
            if inside:
                ins[k] += 1
                arts[k].add(aid)
                spellings[k][low] += 1
                f_ins[low] += 1
                f_arts[low].add(aid)

    def passes(n, u, a, c):
        return n >= min_inside and a >= min_articles and n / (u + 1) >= theta and c <= 0.5 * u

    rows, learned_stems = [], set()
    for k, n in ins.items():
        form = min(spellings[k].items(), key=lambda kv: (-kv[1], kv[0]))[0]  # most frequent form, ties by spelling
        if (passes(n, uses[k], len(arts[k]), caps[k]) and k not in covered
                and len(form) >= 3 and form.isalpha() and form not in corpus.function_words):
            rows.append((form, "stem", n, uses[k], len(arts[k])))
            learned_stems.add(k)
    if forms:
        for low, n in f_ins.items():
            k = loaded.stem(low)
            if (k not in learned_stems and k not in covered and low not in covered and passes(n, f_uses[low], len(f_arts[low]), f_caps[low])
                    and len(low) >= 3 and low.isalpha() and low not in corpus.function_words):
                rows.append((low, "exact", n, f_uses[low], len(f_arts[low])))
    out = pd.DataFrame([{
        "term": form, "category": "unreviewed", "polarity": "", "match": how, "status": "on",
        "rationale": (f"PTC annotators marked it Loaded_Language in {n} of {u} uses ({a} articles)" if how == "stem" else
                      f"PTC annotators marked this exact form Loaded_Language in {n} of {u} uses ({a} articles); its other forms mostly not"),
        "source": "learned from PTC train (SemEval-2020 Task 11)", "origin": "learned",
        "ptc_inside": str(n), "ptc_uses": str(u), "ptc_articles": str(a),
    } for form, how, n, u, a in rows], columns=FIELDS)
    return out.sort_values(["term", "match"], kind="stable").reset_index(drop=True)


def curated_rows(df=None) -> pd.DataFrame:
    df = lexicons.load("loaded_terms") if df is None else df
    return df[df["origin"] == "curated"].reset_index(drop=True)


def covered_keys(curated: pd.DataFrame) -> set:
    """Stem keys of the curated single-word entries (the learner does not duplicate them); for an
    exact-form entry both the form and its stem."""
    keys = set()
    for t, m in zip(curated.term, curated.get("match", ["stem"] * len(curated))):
        pat = loaded.term_pattern(t, m)
        if len(pat) == 1 and pat[0]:
            keys.add(pat[0].lstrip("="))
            keys.add(loaded.stem(pat[0].lstrip("=").rstrip("*")))
    return keys


REVIEWED = "reviewed by hand"


def rejected_keys(df=None) -> set:
    """Stems of learned words rejected on review (category ``rejected``: idiom fragments, topic
    words). The learner never proposes them again, inside cross-validation too."""
    df = lexicons.load("loaded_terms") if df is None else df
    rej = df[(df.origin == "learned") & (df.category == "rejected")]
    return {loaded.stem(t) for t in rej.term}


def lint(df: pd.DataFrame) -> list[str]:
    """Problems that make a lexicon ambiguous: two active rows with the same pattern (the second
    could never match), empty terms, missing rationale, ``except_forms`` where it has no meaning."""
    problems, seen = [], {}
    active = df[df.status != "off"]
    exc = active["except_forms"] if "except_forms" in active.columns else [""] * len(active)
    for t, m, r, x in zip(active.term, active.match, active.rationale, exc):
        pat = loaded.term_pattern(t, m)
        if str(x or "").strip() and (len(pat) != 1 or str(m).strip().lower() == "exact"):
            problems.append(f"except_forms on a phrase or an exact-form row: {t!r}")
        if not pat:
            problems.append(f"empty pattern: {t!r}")
        elif pat in seen:
            problems.append(f"same pattern as {seen[pat]!r}: {t!r}")
        seen.setdefault(pat, t)
        if not str(r).strip():
            problems.append(f"no rationale: {t!r}")
    return problems


def span_stats(corpus: Corpus, ids, lex, by_form=False) -> dict:
    """Per entry id of ``lex``: (hits inside Loaded_Language spans, all hits) over articles ``ids``;
    with ``by_form`` per (entry id, normalised word form of the hit) instead."""
    stats = collections.defaultdict(lambda: [0, 0])
    for aid in ids:
        text, ll, _ = corpus.articles[aid]
        for s, e, eid in loaded.scan(text, lex):
            k = (eid, loaded.normalise(text[s:e])) if by_form else eid
            stats[k][1] += 1
            stats[k][0] += _inside(ll, s, e)
    return stats


def form_exceptable(curated: pd.DataFrame) -> list[bool]:
    """Curated rows that may get ``except_forms``: single-word, stem or prefix matched, not core."""
    return [st != "core" and str(m).strip().lower() != "exact" and len(loaded.term_pattern(t, m)) == 1
            for t, m, st in zip(curated.term, curated.match, curated.status)]


def prune(corpus: Corpus, ids, curated: pd.DataFrame, theta=PRUNE_THETA, min_uses=PRUNE_MIN_USES, forms=FORMS):
    """Status per curated row after checking it on the articles ``ids``: ``core`` rows stay on;
    other rows go ``off`` when PTC annotators rarely marked their uses as Loaded_Language
    (at least ``min_uses`` uses, share inside spans below ``theta``). With ``forms``, the same
    test per word form of a single-word stem/prefix row that stays on: failing forms go to
    ``except_forms`` (the row no longer matches them; core rows never get any). Also returns the
    counts per row."""
    cur = curated.copy()
    cur["status"] = "on"
    cur.loc[curated["status"] == "core", "status"] = "core"
    cur["except_forms"] = ""
    comp = loaded.compile_lexicon(cur)
    st = span_stats(corpus, ids, comp)
    stats = [tuple(st[i]) if i in st else (0, 0) for i in range(len(cur))]
    off = [s != "core" and u >= min_uses and n / (u + 1) < theta for s, (n, u) in zip(cur.status, stats)]
    cur.loc[off, "status"] = "off"
    if forms:
        ok = form_exceptable(cur)
        bad = collections.defaultdict(list)
        for (eid, form), (n, u) in span_stats(corpus, ids, comp, by_form=True).items():
            if ok[eid] and not off[eid] and u >= min_uses and n / (u + 1) < theta:
                bad[eid].append(form)
        cur["except_forms"] = [" ".join(sorted(bad.get(i, ()))) for i in range(len(cur))]
    return cur, stats


def fold_lexicon(corpus: Corpus, curated: pd.DataFrame, train_folds, prune_curated=True, **kw) -> pd.DataFrame:
    """Curated rows (pruned on ``train_folds``) + what the learner finds on ``train_folds``: the
    lexicon used for one CV fold."""
    ids = corpus.ids(train_folds)
    cur = prune(corpus, ids, curated, forms=kw.get("forms", FORMS))[0] if prune_curated else curated
    # the learner does not duplicate what the curated rows left on cover (a row switched off frees its words)
    learned = learn(corpus, ids, covered_keys(cur[cur.status != "off"]) | rejected_keys(), **kw)
    return pd.concat([cur, learned], ignore_index=True)[FIELDS[:8] + ["except_forms"]].fillna("")


def prf(pred, gold):
    tp = sum(p and g for p, g in zip(pred, gold))
    fp = sum(p and not g for p, g in zip(pred, gold))
    fn = sum(g and not p for p, g in zip(pred, gold))
    P = tp / (tp + fp) if tp + fp else 0.0
    R = tp / (tp + fn) if tp + fn else 0.0
    return P, R, (2 * P * R / (P + R) if P + R else 0.0)


def cross_validate(corpus: Corpus, curated: pd.DataFrame, k=5, prune_curated=True, only=None, **kw) -> dict:
    """5-fold CV by article: per fold, learn on the other folds, flag the held-out sentences.
    ``only`` = "curated" or "learned" measures one part alone. Returns figures and per-category
    sentence precision (a hit of category c in a loaded sentence counts as correct)."""
    rows = corpus.sentences
    # the status column of the shipped file was set on all folds: every run starts from "all on"
    curated = curated.assign(status=["core" if s == "core" else "on" for s in curated.status], except_forms="")
    pred = [False] * len(rows)
    cat_hits = collections.defaultdict(lambda: [0, 0])
    origin_hits = collections.defaultdict(lambda: [0, 0])
    sizes = []
    for f in range(k):
        lex = fold_lexicon(corpus, curated, [g for g in range(k) if g != f], prune_curated=prune_curated, **kw)
        if only:
            lex = lex[lex.origin == only]
        lex = lex[lex.status != "off"]
        sizes.append(len(lex))
        comp = loaded.compile_lexicon(lex)
        idx = [i for i, r in enumerate(rows) if corpus.fold(r["article"]) == f]
        hits = loaded.find_terms_many([rows[i]["sentence"] for i in idx], comp)
        by_doc = collections.defaultdict(list)
        for d, term in zip(hits["doc"], hits["term"]):
            by_doc[d].append(term)
        origin = dict(zip(lex.term, lex.origin))
        category = dict(zip(lex.term, lex.category))
        for d, terms in by_doc.items():
            i = idx[d]
            pred[i] = True
            g = rows[i]["loaded"]
            for c in {category[t] if origin[t] == "curated" else "learned (PTC)" for t in terms}:
                cat_hits[c][0] += g
                cat_hits[c][1] += 1
            for o in {origin[t] for t in terms}:
                origin_hits[o][0] += g
                origin_hits[o][1] += 1
    gold = [r["loaded"] for r in rows]
    P, R, F = prf(pred, gold)
    return {
        "precision": round(P, 3), "recall": round(R, 3), "f1": round(F, 3), "sentences": len(rows),
        "loaded_sentences": sum(gold), "flagged": sum(pred), "lexicon_sizes": sizes,
        "category_precision": {c: {"sentences_flagged": n, "precision": round(t / n, 3)} for c, (t, n) in sorted(cat_hits.items())},
        "origin_precision": {o: {"sentences_flagged": n, "precision": round(t / n, 3)} for o, (t, n) in sorted(origin_hits.items())},
    }



# ------------------------------------------------------------------ fast cross-validation, nested CV
# The same method as learn() / prune() / cross_validate(), computed from counts gathered once
# (per word stem and curated entry: uses and uses inside spans per article; per sentence: the
# curated entries that match in it on their own and its word stems). A sentence is flagged by a
# lexicon iff one of its active entries matches in it on its own (the matcher's longest-match rule
# only decides *which* entry is reported), so the flags are exact: fast_cv() with the default
# settings gives the same figure as cross_validate(). One 5-fold run costs ~0.2 s instead of ~14 s,
# which makes nested CV (settings chosen inside each training part) affordable.


class Index:
    """Counts cross-validation needs, computed once (~5 s) so that any fold / setting is cheap.
    ``curated``: the curated rows (their status is ignored: all on, core rows kept core)."""

    def __init__(self, corpus, curated):
        self.corpus = corpus
        self.aids = list(corpus.articles)
        col = {a: i for i, a in enumerate(self.aids)}
        self.art_fold = np.array([corpus.fold(a) for a in self.aids])
        # per stem key x article: uses, uses inside Loaded_Language spans, capitalised mid-sentence
        vocab, rows = {}, collections.defaultdict(lambda: [0, 0, 0])
        fvocab, frows = {}, collections.defaultdict(lambda: [0, 0, 0])  # the same per exact word form
        self.forms = collections.defaultdict(lambda: collections.defaultdict(collections.Counter))
        for aid in self.aids:
            a = col[aid]
            toks = corpus.articles[aid][2]
            for i, (s, e, w, joined, inside) in enumerate(toks):
                k = loaded.stem(w)
                low = loaded.normalise(w)
                cap = w[:1].isupper() and i > 0 and toks[i - 1][3]
                kid = vocab.setdefault(k, len(vocab))
                r = rows[(kid, a)]
                r[0] += 1
                r[2] += cap
                fr = frows[(fvocab.setdefault(low, len(fvocab)), a)]
                fr[0] += 1
                fr[2] += cap
                if inside:
                    r[1] += 1
                    fr[1] += 1
                    self.forms[kid][aid][low] += 1
        self.vocab = vocab
        self.keys = list(vocab)
        shape = (len(vocab), len(self.aids))
        self.uses, self.ins, self.caps = (np.zeros(shape, np.int32) for _ in range(3))
        for (kid, a), (u, n, c) in rows.items():
            self.uses[kid, a], self.ins[kid, a], self.caps[kid, a] = u, n, c
        # word forms: only those ever inside a span can be learned (keeps the arrays small)
        fins = collections.Counter()
        for (fid, a), (u, n, c) in frows.items():
            fins[fid] += n
        all_forms = list(fvocab)
        self.fkeys = [all_forms[fid] for fid in sorted(f for f, n in fins.items() if n > 0)]
        self.fvocab = {f: i for i, f in enumerate(self.fkeys)}
        self.fstem = np.array([vocab[loaded.stem(f)] if loaded.stem(f) in vocab else -1 for f in self.fkeys], dtype=np.int64)
        fshape = (len(self.fkeys), len(self.aids))
        self.f_uses, self.f_ins, self.f_caps = (np.zeros(fshape, np.int32) for _ in range(3))
        for (fid, a), (u, n, c) in frows.items():
            j = self.fvocab.get(all_forms[fid])
            if j is not None:
                self.f_uses[j, a], self.f_ins[j, a], self.f_caps[j, a] = u, n, c
        # curated entries (all on) x article: hits, hits inside spans (matcher's scan, as prune())
        self.curated = curated.reset_index(drop=True)
        cur = self.curated.assign(status=["core" if s == "core" else "on" for s in self.curated.status], except_forms="")
        self.core = (cur.status == "core").to_numpy()
        self.exceptable = np.array(form_exceptable(cur), dtype=bool)
        self.row_keys = [covered_keys(cur.iloc[[i]]) for i in range(len(cur))]
        comp = loaded.compile_lexicon(cur)
        self.comp = comp
        ne = len(cur)
        self.e_uses, self.e_ins = np.zeros((ne, len(self.aids)), np.int32), np.zeros((ne, len(self.aids)), np.int32)
        ef = collections.defaultdict(lambda: [0, 0])  # (entry, form, article) -> [uses, inside]
        self.cforms = {}
        for aid in self.aids:
            text, ll, _ = corpus.articles[aid]
            for s, e, eid in loaded.scan(text, comp):
                inside = any(a < e and s < b for a, b in ll)
                self.e_uses[eid, col[aid]] += 1
                self.e_ins[eid, col[aid]] += inside
                if self.exceptable[eid]:
                    r = ef[(eid, self.cforms.setdefault(loaded.normalise(text[s:e]), len(self.cforms)), col[aid])]
                    r[0] += 1
                    r[1] += inside
        self.ef_keys = sorted({(e_, f_) for e_, f_, _ in ef})
        ef_index = {k: i for i, k in enumerate(self.ef_keys)}
        self.ef_uses, self.ef_ins = (np.zeros((len(self.ef_keys), len(self.aids)), np.int32) for _ in range(2))
        for (e_, f_, a), (u, n) in ef.items():
            self.ef_uses[ef_index[(e_, f_)], a], self.ef_ins[ef_index[(e_, f_)], a] = u, n
        self.ef_entry = np.array([e_ for e_, _ in self.ef_keys], dtype=np.int64).reshape(-1)
        # sentences: curated entries that match on their own, stem keys of the words
        sents = corpus.sentences
        self.gold = np.array([r["loaded"] for r in sents])
        self.s_fold = np.array([corpus.fold(r["article"]) for r in sents])
        self.s_len = np.array([len(resources.WORD_RE.findall(r["sentence"])) for r in sents])
        pe, pk, pf, pef = [], [], [], []
        for si, r in enumerate(sents):
            for eid, form in self.independent(r["sentence"]):
                if form is None:
                    pe.append((si, eid))
                else:  # an exceptable single-word entry: flagged through this form unless it is excepted
                    k = ef_index.get((eid, self.cforms.get(form, -1)))
                    pef.append((si, eid, -1 if k is None else k))
            lows = {loaded.normalise(p) for m in resources.WORD_RE.finditer(r["sentence"]) for p in loaded.HYPHEN_PART_RE.findall(m.group())}
            for key in {loaded.stem(w) for w in lows}:
                kid = vocab.get(key)
                if kid is not None:
                    pk.append((si, kid))
            for low in lows:
                fid = self.fvocab.get(low)
                if fid is not None:
                    pf.append((si, fid))
        self.pe = np.array(pe, dtype=np.int64).reshape(-1, 2)
        self.pk = np.array(pk, dtype=np.int64).reshape(-1, 2)
        self.pf = np.array(pf, dtype=np.int64).reshape(-1, 2)
        self.pef = np.array(sorted(set(pef)), dtype=np.int64).reshape(-1, 3)
        self.pe_all = np.unique(np.concatenate([self.pe, self.pef[:, :2]]), axis=0)  # (sentence, entry), any form

    def independent(self, text):
        """(entry id, form) of the compiled curated lexicon that match somewhere in ``text`` on their
        own (a sentence is flagged by a lexicon iff one of its active entries matches on its own,
        on a form that is not excepted); form = the normalised word for entries that may get
        ``except_forms``, else None."""
        comp = self.comp
        flat, prev_end = [], None
        for m in resources.WORD_RE.finditer(text):
            base = m.start()
            for s, e, keys, cands in comp.info(m.group())[0]:
                flat.append((base + s, base + e, keys, cands, prev_end))
                prev_end = base + e
        out = set()
        for i in range(len(flat)):
            for pat, eid in flat[i][3]:
                if self.exceptable[eid]:
                    out.add((eid, loaded.normalise(text[flat[i][0]:flat[i][1]])))
                elif (eid, None) not in out and (len(pat) == 1 or loaded.match_phrase(text, flat, i + 1, pat) is not None):
                    out.add((eid, None))
        return out

    def covered(self, active_e) -> set:
        """Keys the curated rows that are on cover (the learner does not duplicate them)."""
        out = set()
        for i in np.flatnonzero(active_e):
            out |= self.row_keys[i]
        return out

    def learned_keys(self, amask, excluded, theta, min_inside, min_articles, function_words, **_):
        ins = self.ins[:, amask].sum(1)
        uses = self.uses[:, amask].sum(1)
        arts = (self.ins[:, amask] > 0).sum(1)
        caps = self.caps[:, amask].sum(1)
        ok = (ins >= min_inside) & (arts >= min_articles) & (ins / (uses + 1) >= theta) & (caps <= 0.5 * uses)
        aids = [a for a, m in zip(self.aids, amask) if m]
        out = []
        for kid in np.flatnonzero(ok):
            k = self.keys[kid]
            if k in excluded:
                continue
            forms = collections.Counter()
            for a in aids:
                f = self.forms[kid].get(a)
                if f:
                    forms.update(f)
            form = min(forms.items(), key=lambda kv: (-kv[1], kv[0]))[0]
            if len(form) >= 3 and form.isalpha() and form not in function_words:
                out.append(kid)
        return np.array(out, dtype=np.int64)

    def learned_forms(self, amask, excluded, learned_k, theta, min_inside, min_articles, function_words, forms=FORMS, **_):
        """Exact word forms learned on the articles of ``amask`` (see :func:`learn`): forms that pass
        the test on their own while their stem is not learned (``learned_k``)."""
        if not forms:
            return np.array([], dtype=np.int64)
        ins = self.f_ins[:, amask].sum(1)
        uses = self.f_uses[:, amask].sum(1)
        arts = (self.f_ins[:, amask] > 0).sum(1)
        caps = self.f_caps[:, amask].sum(1)
        ok = (ins >= min_inside) & (arts >= min_articles) & (ins / (uses + 1) >= theta) & (caps <= 0.5 * uses)
        lk = np.zeros(len(self.keys), bool)
        lk[learned_k] = True
        ok &= ~((self.fstem >= 0) & lk[np.maximum(self.fstem, 0)])
        out = []
        for fid in np.flatnonzero(ok):
            f = self.fkeys[fid]
            if (f in excluded or loaded.stem(f) in excluded or len(f) < 3 or not f.isalpha() or f in function_words):
                continue
            out.append(fid)
        return np.array(out, dtype=np.int64)

    def active_curated(self, amask, prune_theta, prune_min_uses, **_):
        n = self.e_ins[:, amask].sum(1)
        u = self.e_uses[:, amask].sum(1)
        off = (~self.core) & (u >= prune_min_uses) & (n / (u + 1) < prune_theta)
        return ~off

    def excepted_forms(self, amask, active_e, prune_theta, prune_min_uses, forms=FORMS, **_):
        """Per (entry, form) key of ``ef_keys``: excepted on the articles of ``amask`` (see :func:`prune`)."""
        if not forms:
            return np.zeros(len(self.ef_keys), bool)
        n = self.ef_ins[:, amask].sum(1)
        u = self.ef_uses[:, amask].sum(1)
        return active_e[self.ef_entry] & (u >= prune_min_uses) & (n / (u + 1) < prune_theta)

    def flags(self, active_e, learned_k, learned_f=(), excepted=None):
        f = np.zeros(len(self.gold), bool)
        f[self.pe[active_e[self.pe[:, 1]], 0]] = True
        ok = active_e[self.pef[:, 1]]
        if excepted is not None:
            ok &= ~((self.pef[:, 2] >= 0) & excepted[np.maximum(self.pef[:, 2], 0)])
        f[self.pef[ok, 0]] = True
        lk = np.zeros(len(self.keys), bool)
        lk[learned_k] = True
        f[self.pk[lk[self.pk[:, 1]], 0]] = True
        lf = np.zeros(len(self.fkeys), bool)
        lf[np.asarray(learned_f, dtype=np.int64)] = True
        f[self.pf[lf[self.pf[:, 1]], 0]] = True
        return f

    def fold_flags(self, train_folds, excluded, function_words, s):
        amask = np.isin(self.art_fold, list(train_folds))
        act = self.active_curated(amask, **s)
        excluded = excluded | self.covered(act)
        lk = self.learned_keys(amask, excluded, function_words=function_words, **s)
        return self.flags(act, lk, self.learned_forms(amask, excluded, lk, function_words=function_words, **s), self.excepted_forms(amask, act, **s))


DEFAULT = dict(theta=THETA, min_inside=MIN_INSIDE, min_articles=MIN_ARTICLES, prune_theta=PRUNE_THETA,
               prune_min_uses=PRUNE_MIN_USES, sent_theta=None, learn_sent_theta=None, forms=FORMS)
# the settings nested CV chooses among (the shipped defaults first: ties keep them)
NESTED_GRID = [DEFAULT] + [
    dict(theta=th, min_inside=2, min_articles=ma, prune_theta=pt, prune_min_uses=5, sent_theta=st, learn_sent_theta=lst, forms=lf)
    for lf, th, ma, pt, st, lst in itertools.product([True, False], [.15, .25, .35], [1, 2], [.1, .2, .3], [None, .3], [None, .4])]


def prf_np(pred, gold):
    tp = int((pred & gold).sum()); fp = int((pred & ~gold).sum()); fn = int((~pred & gold).sum())
    P = tp / (tp + fp) if tp + fp else 0.0
    R = tp / (tp + fn) if tp + fn else 0.0
    return P, R, (2 * P * R / (P + R) if P + R else 0.0)


def sent_stats(ix, pairs, n_items, smask):
    """Per item (entry or stem id): sentences of ``smask`` it occurs in, and how many are loaded."""
    sel = smask[pairs[:, 0]]
    n = np.bincount(pairs[sel, 1], minlength=n_items)
    t = np.bincount(pairs[sel & ix.gold[pairs[:, 0]], 1], minlength=n_items)
    return n, t


def fast_fold_flags(ix, train_folds, excluded, fw, s):
    """Flags of every sentence under the lexicon built on ``train_folds`` with settings ``s``
    (``excluded``: keys never learned, e.g. :func:`rejected_keys`; what the curated rows left on
    cover is added per fold):
    ``theta``/``min_inside``/``min_articles`` (learning), ``prune_theta``/``prune_min_uses``
    (curated rows switched off by their share of uses inside spans), optionally ``sent_theta``
    (curated rows also switched off when under that share of their training sentences is loaded,
    smoothed, with at least ``sent_min`` = 3 sentences) and ``learn_sent_theta`` (the same test for
    learned words)."""
    amask = np.isin(ix.art_fold, list(train_folds))
    smask = np.isin(ix.s_fold, list(train_folds))
    act = ix.active_curated(amask, **s)
    st = s.get("sent_theta")
    if st is not None:
        n, t = sent_stats(ix, ix.pe_all, len(ix.core), smask)
        act &= ix.core | ~((n >= s.get("sent_min", 3)) & (t / (n + 1) < st))
    excluded = excluded | ix.covered(act)
    lk = ix.learned_keys(amask, excluded, function_words=fw, **s)
    lf = ix.learned_forms(amask, excluded, lk, function_words=fw, **s)
    lst = s.get("learn_sent_theta")
    if lst is not None and len(lk):
        n, t = sent_stats(ix, ix.pk, len(ix.keys), smask)
        lk = lk[t[lk] / (n[lk] + 1) >= lst]
    if lst is not None and len(lf):
        n, t = sent_stats(ix, ix.pf, len(ix.fkeys), smask)
        lf = lf[t[lf] / (n[lf] + 1) >= lst]
    return ix.flags(act, lk, lf, ix.excepted_forms(amask, act, **s))


def fast_cv(ix, excluded, fw, s, folds=range(5)):
    """k-fold CV by article over ``folds`` with one setting: ((P, R, F1), flags of all sentences)."""
    folds = list(folds)
    pred = np.zeros(len(ix.gold), bool)
    for f in folds:
        fl = fast_fold_flags(ix, [g for g in folds if g != f], excluded, fw, s)
        m = ix.s_fold == f
        pred[m] = fl[m]
    m = np.isin(ix.s_fold, folds)
    return prf_np(pred[m], ix.gold[m]), pred


def nested(ix, excluded, fw, grid, k=5):
    """Outer k-fold CV; in each outer training part the setting is chosen by an inner CV over the
    remaining folds. Returns outer figures, per-fold figures and the chosen settings."""
    pred = np.zeros(len(ix.gold), bool)
    folds_out, chosen = [], []
    for f in range(k):
        inner = [g for g in range(k) if g != f]
        best = None
        for s in grid:
            (P, R, F), _ = fast_cv(ix, excluded, fw, s, folds=inner)
            if best is None or F > best[0] + 1e-12:
                best = (F, s)
        fl = fast_fold_flags(ix, inner, excluded, fw, best[1])
        m = ix.s_fold == f
        pred[m] = fl[m]
        folds_out.append(prf_np(fl[m], ix.gold[m]))
        chosen.append(best)
    return prf_np(pred, ix.gold), folds_out, chosen


def write(corpus: Corpus, prune_curated=True, **kw) -> pd.DataFrame:
    """Learn on all five folds and rewrite the CSV: curated rows unchanged (status from the PTC
    check), learned rows refreshed. A re-learned word keeps its hand-reviewed category, polarity
    and rationale (counts updated); rejected words stay in the file (status off) as a record."""
    current = lexicons.load("loaded_terms")
    for c in FIELDS:
        if c not in current.columns:
            current[c] = ""
    curated = curated_rows(current)
    learned_now = current[current.origin == "learned"]
    old = {(r.term, r.match): r for r in learned_now.itertuples() if REVIEWED in r.source}
    rejected = learned_now[learned_now.category == "rejected"][FIELDS]
    # curated rows: status from all five folds (core rows stay on), with the PTC counts behind it
    pruned, stats = prune(corpus, list(corpus.articles), curated, forms=kw.get("forms", FORMS))
    on = pruned[pruned.status != "off"] if prune_curated else curated
    learned = learn(corpus, list(corpus.articles), covered_keys(on) | rejected_keys(current), **kw)
    for i, r in learned.iterrows():
        prev = old.get((r.term, r.match))
        if prev is not None:
            for c in ("category", "polarity", "source"):
                learned.at[i, c] = getattr(prev, c)
            learned.at[i, "rationale"] = _refresh_counts(prev.rationale, r)
    curated = curated.copy()
    curated["except_forms"] = ""
    if prune_curated:
        curated["status"] = pruned["status"]
        curated["except_forms"] = pruned["except_forms"]
    learned["except_forms"] = ""
    curated["ptc_inside"] = [str(n) for n, _ in stats]
    curated["ptc_uses"] = [str(u) for _, u in stats]
    curated["ptc_articles"] = ""
    out = pd.concat([curated[FIELDS], learned[FIELDS], rejected], ignore_index=True)
    problems = lint(out)
    if problems:
        raise SystemExit("lexicon problems:\n  " + "\n  ".join(problems))
    out.to_csv(LEXICON_CSV, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    return out


def _refresh_counts(rationale: str, r) -> str:
    what = "it" if r.match == "stem" else "this exact form"
    new = f"PTC annotators marked {what} Loaded_Language in {r.ptc_inside} of {r.ptc_uses} uses ({r.ptc_articles} articles)"
    return re.sub(r"PTC annotators marked (?:it|this exact form) Loaded_Language in \d+ of \d+ uses \(\d+ articles\)", new, rationale) \
        if "PTC annotators" in rationale else f"{rationale}; {new}"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cv", action="store_true", help="print the 5-fold cross-validated figure")
    ap.add_argument("--write", action="store_true", help="learn on all folds and rewrite the lexicon CSV")
    ap.add_argument("--no-prune", action="store_true", help="keep every curated row on (no check against PTC)")
    ap.add_argument("--theta", type=float, default=THETA)
    ap.add_argument("--only", choices=("curated", "learned"))
    ap.add_argument("--nested", action="store_true", help="nested 5-fold CV over NESTED_GRID (settings chosen inside each training part)")
    args = ap.parse_args(argv)
    corpus = Corpus()
    if args.nested:
        cur = curated_rows()
        ix = Index(corpus, cur)
        (P, R, F), folds, chosen = nested(ix, rejected_keys(), corpus.function_words, NESTED_GRID)
        print(f"nested 5-fold CV by article ({len(NESTED_GRID)} settings): P {P:.3f} R {R:.3f} F1 {F:.3f}")
        for f, ((p, r, f1), (inner, s)) in enumerate(zip(folds, chosen)):
            print(f"  fold {f}: P {p:.3f} R {r:.3f} F1 {f1:.3f}  (inner F1 {inner:.3f}; {s})")
        return
    kw = {"theta": args.theta}
    if args.cv or not args.write:
        res = cross_validate(corpus, curated_rows(), prune_curated=not args.no_prune, only=args.only, **kw)
        print(f"5-fold CV by article (PTC train): P {res['precision']:.3f} R {res['recall']:.3f} F1 {res['f1']:.3f}; "
              f"lexicon sizes {res['lexicon_sizes']}")
        for c, v in res["category_precision"].items():
            print(f"  {c:24s} precision {v['precision']:.3f} over {v['sentences_flagged']} flagged sentences")
    if args.write:
        out = write(corpus, prune_curated=not args.no_prune, **kw)
        print(f"wrote {LEXICON_CSV.relative_to(ROOT)}: {sum(out.origin == 'curated')} curated + {sum(out.origin == 'learned')} learned rows")


if __name__ == "__main__":
    main()
