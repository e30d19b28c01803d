"""Audit the canonical speakers find_quotes gives on web news that is not PolNeAR.

Reads the first N PTC articles under ../shared/eval/loaded/articles (as plain text: only the speaker
column is looked at; nothing is learned from them) and prints how many utterances carry a speaker that
a reader would flag as suspect, by reason, with examples:

- pronoun: an unresolved pronoun or relative ("she", "who", "they")
- time: a time expression ("Wednesday", "time", "last week", "March")
- lower: starts with a lower-case letter (includes legitimate group nouns such as "police",
  "experts": listed so a reader can check them, not all junk)
- det: starts with The/A/An/Both/It/This/That (includes "The Guardian", "A spokesman")
- long: more than 4 tokens (a clause rather than a name)

`junk` counts utterances flagged pronoun, time or long, or lower/det whose head (the last word
before of/from/at/who/..., possessive and plural endings off) is not a noun a speaker phrase can end
in: the audit's own short list below (kept apart from the product's lexicons on purpose, so the
product cannot be tuned to the audit by editing one file).

    .venv/bin/python scripts/audit_speakers.py [--n 150] [--show 40]
"""
import argparse
import collections
import glob
import os
import re
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import analysis  # noqa: E402
from analysis import quotes  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ARTICLES = os.path.join(HERE, "..", "..", "shared", "eval", "loaded", "articles")
PRONOUNS = set("he she they it we i you who whom which that this these those one someone anyone "
               "everyone him her them us me his their its".split())
TIME = set("time times monday tuesday wednesday thursday friday saturday sunday today yesterday "
           "tomorrow tonight week weeks month months year years day days morning evening night "
           "january february march april may june july august september october november december "
           "hour hours minute minutes moment weekend decade".split())
# audit-only list of heads a group/role/organisation speaker phrase may end in
SPEAKER_HEADS = set("""police officer expert spokesman spokeswoman spokesperson spokespeople source official
government ministry office department council committee court judge prosecutor lawyer attorney counsel report study
statement letter survey poll researcher scientist doctor physician nurse guardian times telegraph mail bbc independent
observer post journal sun mirror express union party campaigner campaign group organisation organization charity
agency authorities authority minister secretary president leader chairman chair chief director executive company firm
bank resident witness eyewitness family friend neighbour neighbor mother father wife husband son daughter brother
sister man men woman women people person critic supporter analyst activist advocate member commission board team club
army military mp investigator inquiry coroner paper newspaper magazine website network channel broadcaster media press
association federation institute university school hospital service nhs professor aide adviser advisor veteran
lawmaker senator congressman congresswoman politician diplomat ambassador envoy priest bishop archbishop cardinal pope
cleric imam rabbi theologian scholar author writer journalist reporter editor columnist employee worker student
teacher caller dispatcher agent sheriff detective jury juror administration regime rebel protester complaint lawsuit
suit indictment filing ruling document record email article essay video recording motion bill publication outlet
""".split())


POSTMOD = set("of from at in with who for on by to about over regarding".split())


def flags(name):
    toks = re.findall(r"[\w'’.-]+", name)
    if not toks:
        return set()
    low = [t.lower().strip(".") for t in toks]
    out = set()
    if len(toks) == 1 and low[0] in PRONOUNS:
        out.add("pronoun")
    if any(t in TIME for t in low) and (low[-1] in TIME or len(toks) == 1) and toks[-1] != "Times":
        out.add("time")
    if name[:1].islower():
        out.add("lower")
    if low[0] in {"the", "a", "an", "both", "it", "this", "that", "these", "those"}:
        out.add("det")
    if len(toks) > 4:
        out.add("long")
    return out


def is_junk(name, fl):
    if fl & {"pronoun", "time", "long"}:
        return True
    if fl & {"lower", "det"}:
        toks = re.findall(r"[\w'’#-]+", name)
        if "det" in fl and len(toks) > 1 and all(t[:1].isupper() for t in toks[1:]):
            return False  # a proper name with its article: "The Guardian", "the Heritage Foundation"
        low = [t.lower() for t in toks]
        cut = next((i for i in range(1, len(low)) if low[i] in POSTMOD), len(low))
        head = re.split(r"['’]", low[cut - 1])[0].split("-")[-1]
        return not any(h in SPEAKER_HEADS for h in (head, head[:-1], head[:-2], head[:-3] + "y", head[:-3] + "man"))
    return False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=150)
    ap.add_argument("--show", type=int, default=40)
    args = ap.parse_args()
    files = sorted(glob.glob(os.path.join(ARTICLES, "*.txt")))[: args.n]
    n_utt = n_empty = 0
    by_reason, junk = collections.Counter(), collections.Counter()
    examples = collections.defaultdict(collections.Counter)
    speakers = collections.Counter()
    t_quotes = 0.0
    n_sent = 0
    for f in files:
        try:
            a = analysis.load_article(f)
        except analysis.ArticleError:
            continue
        n_sent += len(a.sentences)
        t0 = time.process_time()
        d = quotes.find_quotes(a)
        t_quotes += time.process_time() - t0
        for sp, mention in zip(d["speaker"], d["speaker_mention"]):
            n_utt += 1
            if not isinstance(sp, str) or not sp:
                n_empty += 1
                continue
            speakers[sp] += 1
            fl = flags(sp)
            for r in fl:
                by_reason[r] += 1
                examples[r][sp] += 1
            if is_junk(sp, fl):
                junk[sp] += 1
    print(f"articles {len(files)}  utterances {n_utt}  no speaker {n_empty}  "
          f"distinct speakers {len(speakers)}")
    print(f"junk {sum(junk.values())} utterances ({len(junk)} distinct)  flagged by reason: "
          + ", ".join(f"{r} {c}" for r, c in sorted(by_reason.items())))
    print(f"find_quotes {1e6 * t_quotes / max(n_sent, 1):.1f} us/sentence CPU over {n_sent} sentences")
    print("junk:", "; ".join(f"{s!r} {c}" for s, c in sorted(junk.items(), key=lambda x: (-x[1], x[0]))[: args.show]))
    for r in sorted(examples):
        ex = sorted(examples[r].items(), key=lambda x: (-x[1], x[0]))[: args.show]
        print(f"[{r}]", "; ".join(f"{s!r} {c}" for s, c in ex))


if __name__ == "__main__":
    main()
