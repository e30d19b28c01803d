"""Build the learned parts of ``data/lexicons/loaded_terms.csv`` and cross-validate the whole lexicon.

    .venv/bin/python scripts/build_loaded_lexicon.py           # cross-validated figures (PTC and BABE)
    .venv/bin/python scripts/build_loaded_lexicon.py --write   # learn on all the data, rewrite the CSV

The lexicon CSV has three kinds of rows (column ``origin``):

* ``curated``: written by hand from general knowledge of loaded language, the Recasens et al. (2013)
  bias lexicon, the bundled article and a review of flagged words on real articles. Their status is
  set by hand: ``on``, ``core`` (the entries the bundled article needs) or ``off``, and every row
  that is off says why in ``status_reason`` (a reason about the word's use in news, never a
  benchmark figure alone). This script never changes a curated row.
* ``learned`` (from PTC train): words that PTC annotators marked as Loaded_Language often enough
  (in at least ``MIN_ARTICLES`` articles, ``MIN_INSIDE`` times, and in at least ``THETA`` of all
  their uses), excluding function words, proper nouns, numbers and what the curated rows cover;
  then exact word forms that pass the same test on their own while their stem does not.
* ``learned_babe`` (from BABE dev): words that media-bias experts listed as biased in at least
  ``BABE_MIN_MARKED`` sentences and in at least ``BABE_THETA`` of the sentences that hold them
  (marked / (seen + 1)), by stem, with the same exclusions.

A learned word rejected on review (category ``rejected``: idiom fragments, topic words, literal
senses) stays in the file with status ``off`` and its reason, and is never proposed again (inside
cross-validation too). On ``--write`` a re-learned word keeps its reviewed category and rationale.

Cross-validation (the figures to quote; the in-sample ones are printed for completeness):

* PTC, sentence-level Loaded_Language, 5-fold by article (``ptc.fold``): the PTC-learned words are
  rebuilt from the other four folds; curated rows and BABE-learned words (which never saw PTC) as
  shipped.
* BABE, word level with the rule of ``../shared/check.py`` (of the words flagged, the share the
  experts marked; of the experts' words, the share flagged), 5 folds by sentence (``babe_fold``):
  the BABE-learned words are rebuilt from the other four folds; curated rows and PTC-learned words
  (which never saw BABE) as shipped.

The curated rows' status and context rules were decided while reading errors on both files, so
no CV undoes that part: its figures are in-sample for those decisions (see the README).
The learner reads only ``../shared/eval/loaded`` (scripts may; the product never does). It never
writes sentences: only single words with counts.
"""
from __future__ import annotations

import argparse
import ast
import collections
import csv
import re
import sys
import zlib
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
PTC_DIR = ROOT.parent / "shared" / "eval" / "loaded"
BABE_TSV = PTC_DIR / "babe_dev.tsv"
LEXICON_CSV = ROOT / "data" / "lexicons" / "loaded_terms.csv"
sys.path.insert(0, str(ROOT))

from analysis import lexicons, loaded, resources  # noqa: E402

FIELDS = ["term", "category", "polarity", "match", "status", "status_reason", "rationale", "source", "origin",
          "ptc_inside", "ptc_uses", "ptc_articles", "except_forms", "except_next"]
MIN_INSIDE = 2      # occurrences inside Loaded_Language spans
MIN_ARTICLES = 2    # ... in at least this many different articles
THETA = 0.35        # share of all uses that fall inside a span (smoothed: inside / (uses + 1))
FORMS = True        # also learn exact forms whose stem as a whole does not qualify
BABE_MIN_MARKED = 2  # sentences in which the experts listed the word
BABE_THETA = 0.6     # share of the sentences holding the word in which it was listed (marked / (seen + 1))
K = 5
_HYPHEN = re.compile(r"[^-]+")
_WORD = re.compile(r"[\w'-]+")
csv.field_size_limit(10**9)
REVIEWED = "reviewed by hand"


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
    f_ins, f_uses, f_arts, f_caps = (collections.Counter(), collections.Counter(), collections.defaultdict(set),
                                     collections.Counter())
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
            if (k not in learned_stems and k not in covered and low not in covered
                    and passes(n, f_uses[low], len(f_arts[low]), f_caps[low])
                    and len(low) >= 3 and low.isalpha() and low not in corpus.function_words):
                rows.append((low, "exact", n, f_uses[low], len(f_arts[low])))
    out = pd.DataFrame([{
        "term": form, "category": "unreviewed", "polarity": "", "match": how, "status": "on",
        "rationale": (f"PTC annotators marked it Loaded_Language in {n} of {u} uses ({a} articles)"
                      if how == "stem" else
                      f"PTC annotators marked this exact form Loaded_Language in {n} of {u} uses ({a} articles); "
                      "its other forms mostly not"),
        "source": "learned from PTC train (SemEval-2020 Task 11)", "origin": "learned",
        "ptc_inside": str(n), "ptc_uses": str(u), "ptc_articles": str(a),
    } for form, how, n, u, a in rows], columns=FIELDS)
    return out.sort_values(["term", "match"], kind="stable").reset_index(drop=True)


def covered_keys(curated: pd.DataFrame) -> set:
    """Stem keys of the curated single-word entries (the learner does not duplicate them). An
    active exact-form entry covers only its form: the other forms of its stem stay learnable
    ("outrageous" is exact because "outrage" also names a public reaction; whether "outrage" and
    "outraged" are loaded is for the data to show). An exact-form entry that is off covers the form and
    its stem (a word switched off by hand is not brought back in another form)."""
    keys = set()
    status = curated["status"] if "status" in curated.columns else [""] * len(curated)
    for t, m, st in zip(curated.term, curated.get("match", ["stem"] * len(curated)), status):
        pat = loaded.term_pattern(t, m)
        if len(pat) == 1 and isinstance(pat[0], str):
            keys.add(pat[0].lstrip("="))
            if not pat[0].startswith("=") or str(st).strip().lower() == "off":
                keys.add(loaded.stem(pat[0].lstrip("=").rstrip("*")))
    return keys


def rejected_keys(df=None) -> set:
    """Stems of learned words rejected on review (category ``rejected``: idiom fragments, topic
    words). The learner never proposes them again, inside cross-validation too."""
    df = lexicons.load("loaded_terms") if df is None else df
    rej = df[df.origin.isin(["learned", "learned_babe"]) & (df.category == "rejected")]
    return {loaded.stem(t) for t in rej.term}


def lint(df: pd.DataFrame) -> list[str]:
    """Problems that make a lexicon ambiguous: two active rows with the same pattern (the second
    could never match), empty terms, missing rationale, ``except_forms`` where it has no meaning, a
    hyphenated word among ``a|b`` alternatives (a hyphenated word is two tokens: it never matches
    one position; write it as a row of its own)."""
    problems, seen = [], {}
    active = df[df.status != "off"]
    exc = active["except_forms"] if "except_forms" in active.columns else [""] * len(active)
    for t, m, r, x in zip(active.term, active.match, active.rationale, exc):
        pat = loaded.term_pattern(t, m)
        if str(x or "").strip() and (len(pat) != 1 or str(m).strip().lower() == "exact"):
            problems.append(f"except_forms on a phrase or an exact-form row: {t!r}")
        if any("|" in w and "-" in w for w in str(t).split()):
            problems.append(f"hyphenated word among alternatives: {t!r}")
        if not pat:
            problems.append(f"empty pattern: {t!r}")
        elif pat in seen:
            problems.append(f"same pattern as {seen[pat]!r}: {t!r}")
        seen.setdefault(pat, t)
        if not str(r).strip():
            problems.append(f"no rationale: {t!r}")
    return problems


def _refresh_counts(rationale: str, r) -> str:
    what = "it" if r.match == "stem" else "this exact form"
    new = (f"PTC annotators marked {what} Loaded_Language in {r.ptc_inside} of {r.ptc_uses} uses "
           f"({r.ptc_articles} articles)")
    return re.sub(r"PTC annotators marked (?:it|this exact form) Loaded_Language in \d+ of \d+ uses \(\d+ articles\)",
                  new, rationale) \
        if "PTC annotators" in rationale else f"{rationale}; {new}"



def curated_rows(df=None) -> pd.DataFrame:
    df = lexicons.load("loaded_terms") if df is None else df
    return df[df["origin"] == "curated"].reset_index(drop=True)


# ------------------------------------------------------------------------------------ BABE
def babe_fold(text: str, k: int = K) -> int:
    """The cross-validation fold of a BABE sentence (a hash of its text: stable across runs)."""
    return zlib.crc32(text.encode("utf-8")) % k


def babe_rows() -> list[dict]:
    """BABE dev sentences with the experts' words (lower case), fold, and the normalised word forms
    (all, and those capitalised mid-sentence)."""
    with open(BABE_TSV, encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    for r in rows:
        r["words"] = {w.lower() for w in ast.literal_eval(r["biased_words"] or "[]")}
        r["fold"] = babe_fold(r["text"])
        toks = [m.group() for m in resources.WORD_RE.finditer(r["text"])]
        r["forms"] = {loaded.normalise(t) for t in toks}
        r["caps"] = {loaded.normalise(t) for i, t in enumerate(toks) if i > 0 and t[:1].isupper()}
    return rows


def learn_babe(rows, covered: set, function_words: set, min_marked=BABE_MIN_MARKED, theta=BABE_THETA) -> pd.DataFrame:
    """Words the experts listed as biased in at least ``min_marked`` of ``rows`` and in at least
    ``theta`` of the sentences holding them (smoothed), by stem; the most often listed form is the
    term. Never function words, words capitalised in most of their uses (names), non-words, or
    what ``covered`` (stems) holds."""
    seen, marked, caps, forms = (collections.Counter(), collections.Counter(), collections.Counter(),
                                 collections.defaultdict(collections.Counter))
    for r in rows:
        keys = {loaded.stem(f) for f in r["forms"]}
        seen.update(keys)
        caps.update({loaded.stem(f) for f in r["caps"]})
        for w in r["words"]:
            w = loaded.normalise(w)
            k = loaded.stem(w)
            if k in keys:
                forms[k][w] += 1
        marked.update(keys & set(forms) & {loaded.stem(loaded.normalise(w)) for w in r["words"]})
    out = []
    for k, m in marked.items():
        form = min(forms[k].items(), key=lambda kv: (-kv[1], kv[0]))[0]
        if (m >= min_marked and m / (seen[k] + 1) >= theta and caps[k] <= 0.5 * seen[k] and k not in covered
                and form not in function_words and re.fullmatch(r"[a-z][a-z'-]*[a-z]", form) and len(form) >= 3):
            out.append((form, m, seen[k]))
    return pd.DataFrame([{
        "term": form, "category": "unreviewed", "polarity": "", "match": "stem", "status": "on", "status_reason": "",
        "rationale": f"media-bias experts listed it as biased in {m} of {n} BABE dev sentences holding it",
        "source": "learned from BABE dev (Spinde et al. 2021, SG2 half)", "origin": "learned_babe",
        "ptc_inside": "", "ptc_uses": "", "ptc_articles": "", "except_forms": "", "except_next": "",
    } for form, m, n in sorted(out)], columns=FIELDS)


def babe_counts(comp, rows) -> tuple[int, int, int, int]:
    """(flagged, flagged words the experts listed, experts' words, experts' words flagged) over
    ``rows``, by the rule of ``../shared/check.py``."""
    hits = loaded.find_terms_many([r["text"] for r in rows], comp)
    spans = collections.defaultdict(list)
    for d, s, e in zip(hits["doc"], hits["start"], hits["end"]):
        spans[d].append(rows[d]["text"][s:e].lower())
    flagged = agree = gold = covered = 0
    for i, r in enumerate(rows):
        sp = spans.get(i, [])
        for h in sp:
            flagged += 1
            agree += any(w in r["words"] for w in _WORD.findall(h))
        gold += len(r["words"])
        covered += sum(1 for w in r["words"] if any(w in h for h in sp))
    return flagged, agree, gold, covered


def _pr(c) -> dict:
    flagged, agree, gold, covered = c
    return {"flagged_marked": round(agree / flagged, 3) if flagged else 0.0,
            "marked_flagged": round(covered / gold, 3) if gold else 0.0, "flagged": flagged, "expert_words": gold}


# ------------------------------------------------------------------------------- lexicons
def split(df: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(curated, PTC-learned kept, BABE-learned kept, rejected learned rows) of a lexicon table."""
    for c in FIELDS:
        if c not in df.columns:
            df[c] = ""
    rej = df[df.origin.isin(["learned", "learned_babe"]) & (df.category == "rejected")]
    return (df[df.origin == "curated"], df[(df.origin == "learned") & (df.category != "rejected")],
            df[(df.origin == "learned_babe") & (df.category != "rejected")], rej)


def excluded(df: pd.DataFrame) -> set:
    """Stems a learner never proposes: what the curated rows cover (those that are off too: a word
    switched off by hand with a reason is not brought back by a learner), and rejected words."""
    return covered_keys(df[df.origin == "curated"]) | rejected_keys(df)


def ptc_learned(corpus: Corpus, ids, df: pd.DataFrame, babe: pd.DataFrame) -> pd.DataFrame:
    return learn(corpus, ids, excluded(df) | covered_keys(babe))


def babe_learned(rows, df: pd.DataFrame, ptc_rows: pd.DataFrame, function_words: set) -> pd.DataFrame:
    return learn_babe(rows, excluded(df) | covered_keys(ptc_rows), function_words)


def compiled(*parts) -> loaded.Compiled:
    return loaded.compile_lexicon(pd.concat(parts, ignore_index=True)[FIELDS].fillna(""))


def prf(pred, gold):
    tp = sum(p and g for p, g in zip(pred, gold))
    fp = sum(p and not g for p, g in zip(pred, gold))
    fn = sum(g and not p for p, g in zip(pred, gold))
    P = tp / (tp + fp) if tp + fp else 0.0
    R = tp / (tp + fn) if tp + fn else 0.0
    return P, R, (2 * P * R / (P + R) if P + R else 0.0)


def ptc_flags(comp, rows, categories=None) -> list[bool]:
    """Flags of ``rows``; with ``categories`` (a dict), also adds ``[loaded, flagged]`` sentence
    counts per category of the hits (a sentence counts once per category that fired)."""
    hits = loaded.find_terms_many([r["sentence"] for r in rows], comp)
    if categories is not None:
        for d, c in set(zip(hits["doc"], hits["category"])):
            n = categories.setdefault(c, [0, 0])
            n[0] += rows[d]["loaded"]
            n[1] += 1
    flagged = set(hits["doc"].tolist())
    return [i in flagged for i in range(len(rows))]


# ---------------------------------------------------------------------------- cross-validation
def cv_ptc(corpus: Corpus, df: pd.DataFrame) -> dict:
    """5-fold CV by article on PTC train: PTC-learned words rebuilt per fold (see the module doc)."""
    cur, _ptc, babe, _rej = split(df)
    rows = corpus.sentences
    pred = [False] * len(rows)
    folds, sizes, cats = [], [], {}
    for f in range(K):
        learned = ptc_learned(corpus, corpus.ids([g for g in range(K) if g != f]), df, babe)
        learned = learned.assign(category="learned (PTC)")
        sizes.append(len(learned))
        idx = [i for i, r in enumerate(rows) if corpus.fold(r["article"]) == f]
        fl = ptc_flags(compiled(cur, babe, learned), [rows[i] for i in idx], cats)
        for i, p in zip(idx, fl):
            pred[i] = p
        folds.append([round(x, 3) for x in prf(fl, [rows[i]["loaded"] for i in idx])])
    P, R, F = prf(pred, [r["loaded"] for r in rows])
    return {"precision": round(P, 3), "recall": round(R, 3), "f1": round(F, 3), "folds_f1": [x[2] for x in folds],
            "learned_sizes": sizes, "sentences": len(rows), "loaded_sentences": sum(r["loaded"] for r in rows),
            "flagged": sum(pred),
            "category_precision": {c: {"sentences_flagged": n, "precision": round(t / n, 3)}
                                   for c, (t, n) in sorted(cats.items())}}


def cv_babe(rows, df: pd.DataFrame, function_words: set) -> dict:
    """5-fold CV by sentence on BABE dev: BABE-learned words rebuilt per fold (see the module doc)."""
    cur, ptc_rows, _babe, _rej = split(df)
    total, sizes = [0, 0, 0, 0], []
    for f in range(K):
        learned = babe_learned([r for r in rows if r["fold"] != f], df, ptc_rows, function_words)
        sizes.append(len(learned))
        c = babe_counts(compiled(cur, ptc_rows, learned), [r for r in rows if r["fold"] == f])
        total = [a + b for a, b in zip(total, c)]
    return {**_pr(total), "learned_sizes": sizes}


def in_sample(corpus: Corpus, rows, df: pd.DataFrame) -> dict:
    comp = loaded.compile_lexicon(df[FIELDS])
    P, R, F = prf(ptc_flags(comp, corpus.sentences), [r["loaded"] for r in corpus.sentences])
    return {"ptc": {"precision": round(P, 3), "recall": round(R, 3), "f1": round(F, 3)},
            "babe": _pr(babe_counts(comp, rows))}


# ------------------------------------------------------------------------------------ write
def _merge_reviewed(learned: pd.DataFrame, old: pd.DataFrame) -> pd.DataFrame:
    """A re-learned word keeps its reviewed category, polarity, source and rationale (counts refreshed)."""
    prev = {(r.term, r.match): r for r in old.itertuples() if REVIEWED in r.source}
    learned = learned.copy()
    for i, r in learned.iterrows():
        p = prev.get((r.term, r.match))
        if p is not None:
            for c in ("category", "polarity", "source"):
                learned.at[i, c] = getattr(p, c)
            learned.at[i, "rationale"] = _refresh_counts(p.rationale, r) if r.origin == "learned" else p.rationale
    return learned


def write(corpus: Corpus, rows, function_words: set) -> pd.DataFrame:
    """Learn on all of PTC train and BABE dev and rewrite the CSV: curated and rejected rows
    unchanged, learned rows refreshed."""
    df = lexicons.load("loaded_terms")
    cur, ptc_old, babe_old, rej = split(df)
    babe = babe_learned(rows, df, ptc_old, function_words)
    ptc_new = ptc_learned(corpus, list(corpus.articles), df, babe)
    babe = babe_learned(rows, df, ptc_new, function_words)  # what PTC now covers is not learned twice
    out = pd.concat([cur[FIELDS], _merge_reviewed(ptc_new, ptc_old)[FIELDS], _merge_reviewed(babe, babe_old)[FIELDS],
                     rej[FIELDS]], ignore_index=True).fillna("")
    problems = lint(out)
    if problems:
        raise SystemExit("lexicon problems:\n  " + "\n  ".join(problems))
    out.to_csv(LEXICON_CSV, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    return out


def figures(corpus: Corpus, rows, function_words: set) -> dict:
    df = lexicons.load("loaded_terms")
    return {"ptc_cv": cv_ptc(corpus, df), "babe_cv": cv_babe(rows, df, function_words),
            "in_sample": in_sample(corpus, rows, df)}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write", action="store_true", help="learn on all the data and rewrite the lexicon CSV")
    args = ap.parse_args(argv)
    corpus, rows = Corpus(), babe_rows()
    if args.write:
        out = write(corpus, rows, corpus.function_words)
        print(f"wrote {LEXICON_CSV.relative_to(ROOT)}: "
              + ", ".join(f"{n} {o}" for o, n in out.origin.value_counts().items()))
    f = figures(corpus, rows, corpus.function_words)
    p, b, s = f["ptc_cv"], f["babe_cv"], f["in_sample"]
    print(f"PTC train, 5-fold CV by article: P {p['precision']:.3f} R {p['recall']:.3f} F1 {p['f1']:.3f} "
          f"(folds {p['folds_f1']})")
    print(f"BABE dev, 5-fold CV by sentence: flagged words the experts marked {b['flagged_marked']:.3f}, "
          f"experts' words flagged {b['marked_flagged']:.3f}")
    print(f"in-sample: PTC F1 {s['ptc']['f1']:.3f} (P {s['ptc']['precision']:.3f} R {s['ptc']['recall']:.3f}); BABE "
          f"{s['babe']['flagged_marked']:.3f} / {s['babe']['marked_flagged']:.3f}")


if __name__ == "__main__":
    main()
