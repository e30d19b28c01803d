"""Evaluate ``analysis.actors`` on the PolNeAR dev split (../shared/eval/quotes): speaker resolution
and speed. Nothing here is learned from PolNeAR; the figures are out-of-sample for the method.

    cd /work/main && .venv/bin/python scripts/eval_actors.py [--split dev] [--examples 10]

Figures printed:
* named sources: for every gold attribution source that is a name (the scorer's definition: starts
  upper-case, not a pronoun, not "the/a/an ..."), ``actors.resolve(article, start, end)`` must give an
  actor whose last name token equals the source's last token (the PolNeAR speaker-accuracy rule).
* role sources ("the Democratic nominee", "the senator"): how many resolve to a person (coverage; a
  sample is printed for reading, correctness is not scored automatically).
* people found per article, and timing of ``find_mentions`` per sentence (best of several runs).
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
EVAL = os.path.join(ROOT, "..", "shared", "eval", "quotes")
sys.path.insert(0, ROOT)
sys.path.insert(0, EVAL)

import analysis  # noqa: E402
from analysis import actors  # noqa: E402

PRONOUNS = {"he", "she", "they", "i", "we", "it", "you", "his", "her", "their"}


def last(name: str) -> str:
    """PolNeAR's speaker rule: the last token, lower case."""
    toks = re.findall(r"[A-Za-z][A-Za-z'.-]*", name or "")
    return toks[-1].lower().strip(".'") if toks else ""


def person_name(src: str) -> str | None:
    """The source if it is a plain person name (possibly with a title or possessive): its last word
    capitalised, not all capitals, not an organisation-like ending; else None."""
    core = re.split(r",| of | who | from | \(|\s[-\u2013\u2014]\s", src.strip())[0]  # the head before an appositive
    core = re.sub(r"['\u2019]s?\s*$", "", core.strip().rstrip(",.:"))
    core = re.sub(r"\s*\([^)]*\)$", "", core)
    toks = core.split()
    if not toks or not toks[-1][:1].isupper() or toks[-1].isupper():
        return None
    return core


def score_sources(docs, examples: int) -> dict:
    """Resolve every unique gold source of ``docs``: counts of named and role sources and how they
    resolve, samples of resolved roles and missed names, the articles and the people found in each."""
    c = Counter()
    misses, role_samples, people, arts = [], [], [], []
    for d in docs:
        a = analysis.Article.from_text(d["text"], name=d["name"])
        arts.append(a)
        t = actors.actor_table(a)
        people.append(t[t.kind == "person"])
        seen = set()
        for att in d["attributions"]:
            src = att["source"]
            if not src or (src[0], src[1]) in seen:
                continue
            seen.add((src[0], src[1]))
            s, e, txt = src
            low = txt.lower()
            if txt[:1].isupper() and low not in PRONOUNS and not low.startswith(("the ", "a ", "an ")):
                c["named"] += 1
                got = actors.resolve(a, s, e)
                c["named_none"] += got is None
                ok = got is not None and last(got) == last(txt)
                c["named_ok"] += ok
                core = person_name(txt)
                if core:
                    c["pn"] += 1
                    c["pn_ok"] += got is not None and last(got) == last(core)
                if not ok and len(misses) < 200:
                    misses.append((d["name"][:30], txt, got))
            elif low.startswith(("the ", "this ", "that ")) and len(txt.split()) <= 5:
                c["role"] += 1
                got = actors.resolve(a, s, e)
                if got is not None:
                    c["role_res"] += 1
                    if len(role_samples) < examples:
                        role_samples.append((txt, got))
    return {"counts": c, "misses": misses, "role_samples": role_samples, "people": people, "articles": arts}


def print_figures(split: str, docs, r: dict, examples: int) -> None:
    c, people = r["counts"], r["people"]
    named, named_ok, pn, pn_ok, role, role_res = (c["named"], c["named_ok"], c["pn"], c["pn_ok"], c["role"],
                                                  c["role_res"])
    n_people = [len(p) for p in people]
    print(f"PolNeAR {split}: {len(docs)} articles")
    print(f"named sources (unique spans): {named}; resolved with the right last name: {named_ok / named:.3f} "
          f"({named_ok}); unresolved: {c['named_none']}")
    print(f"  of which plain names (head before an appositive, possessive stripped, not all capitals): {pn}; right "
          "last name: "
          f"{pn_ok / max(pn, 1):.3f} ({pn_ok})")
    print(f"role sources ('the ...', <= 5 words): {role}; resolved to an actor: {role_res} "
          f"({role_res / max(role, 1):.3f})")
    print(f"people found per article: mean {sum(n_people) / len(n_people):.1f}, median "
          f"{sorted(n_people)[len(n_people) // 2]}")
    gsrc = Counter(g for p in people for g in p.gender_source)
    print("gender evidence for people:", dict(gsrc))
    print("\nsample role sources resolved:")
    for txt, got in r["role_samples"]:
        print(f"  {txt!r:40} -> {got}")
    print(f"\nsample named sources missed ({len(r['misses'])} in all):")
    for m in r["misses"][:examples]:
        print("  ", m)
    print("\npeople found in the first 10 articles:")
    for d, p in list(zip(docs, people))[:10]:
        ex = ", ".join(f"{row.actor} [{row.role or '-'}; {row.gender}]" for row in p.head(6).itertuples())
        print(f"  {d['name'][:40]:40} {len(p):3d}  {ex}")


def print_timing(arts) -> None:
    """Best of five runs of the actor analysis per sentence, against bare VADER on the same sentences."""
    for a in arts:
        a.sentences, a.paragraphs  # the loader's cost is not the actor analysis's
    n = sum(len(a.sentences) for a in arts)
    best_a = best_m = 1e9
    for _ in range(5):
        for a in arts:
            a.__dict__.pop("_actors_cache", None)
        t0 = time.perf_counter()
        for a in arts:
            actors.resolve(a, 0, 1)
        t1 = time.perf_counter()
        for a in arts:
            actors.find_mentions(a)
            actors.actor_table(a)
        t2 = time.perf_counter()
        best_a, best_m = min(best_a, t1 - t0), min(best_m, t2 - t0)
    v = analysis.resources.vader()
    t0 = time.perf_counter()
    for a in arts:
        for x in a.sentences.text:
            v.polarity_scores(x)
    tv = time.perf_counter() - t0
    print(f"\ntiming over {n} sentences: analysis (what resolve needs) {best_a / n * 1e6:.1f} us/sentence; "
          f"with the mentions and actors tables {best_m / n * 1e6:.1f} us/sentence; bare VADER {tv / n * 1e6:.1f} "
          "us/sentence")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev")
    ap.add_argument("--examples", type=int, default=10)
    args = ap.parse_args()
    from polnear import load  # the loader shipped with the evaluation data

    docs = load(args.split)
    r = score_sources(docs, args.examples)
    print_figures(args.split, docs, r, args.examples)
    print_timing(r["articles"])


if __name__ == "__main__":
    main()
