"""Questions over a corpus run's tables: groups of articles compared (outlets, dates), frames,
loaded terms and recurring speakers, offsets checked, and a plain-language reading.

Every string :func:`describe` returns is escaped for Markdown and HTML where it is produced
(outlet names and other metadata come from the corpus, which is untrusted), so that a notebook can
show it with ``Markdown(...)``.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable

import pandas as pd

from ..safehtml import md_escape
from .analyse import TONE_COLUMNS
from .store import read_table


# ------------------------------------------------------------------- comparing groups of articles
def summary_table(summary: dict) -> pd.DataFrame:
    """The run summary as a two-column table (``item``, ``value``) for display."""
    rows = [(k, summary.get(k)) for k in ("input", "articles_read", "analysed", "failed", "seconds",
                                          "articles_per_second",
                                          "scheduler", "workers")]
    rows.append(("analyses", ", ".join(summary.get("modules", []))))
    rows += [(f"rows: {k}", v) for k, v in summary.get("tables", {}).items()]
    return pd.DataFrame(rows, columns=["item", "value"]).astype({"value": str})


def _mode(values) -> str:
    counts: dict = {}
    for v in values:
        if isinstance(v, str) and v:
            counts[v] = counts.get(v, 0) + 1
    return min(counts, key=lambda k: (-counts[k], k)) if counts else ""


def _mean(g: pd.DataFrame, column: str) -> float:
    """The mean of a column over a group, to 3 decimals (NaN when the column is absent or empty)."""
    if column not in g or not g[column].notna().any():
        return float("nan")
    return round(float(g[column].mean()), 3)


def group_summary(out_dir, by: str = "outlet") -> pd.DataFrame:
    """One row per value of ``by`` (``outlet``, ``date``, or any ``articles`` column): articles
    analysed and failed, words, utterances, loaded-term hits and the **pooled** rate per 1,000 words
    (all hits / all words of the group, so long articles weigh more), the mean of the articles' rates,
    the most common dominant frame, and (with the sentiment analysis) the mean tone of the reporter's
    voice and of the quoted speakers. Sorted by ``by``.

    >>> import tempfile
    >>> out = tempfile.mkdtemp()
    >>> from analysis.corpus import run_corpus
    >>> _ = run_corpus("data/corpus/syria-2015", out, scheduler="sequential", progress=False)
    >>> g = group_summary(out)
    >>> g.outlet.tolist()
    ['President of Russia (kremlin.ru)', 'US Department of Defense', 'US Department of State']
    >>> int(g.articles.sum()), bool((g.loaded_per_1000 >= 0).all())
    (12, True)
    """
    a = read_table(out_dir, "articles")
    e = read_table(out_dir, "errors")
    cols = [by, "articles", "failed", "words", "words_report", "words_editorial", "utterances", "loaded_hits",
            "loaded_per_1000", "loaded_per_1000_mean", "dominant_frame", "tone_reporter", "speaker_tone"]
    if a.empty:
        return pd.DataFrame(columns=cols)
    rows = []
    for key, g in a.groupby(by, sort=True, dropna=False):
        words = int(g.words.sum())
        hits = int(g.loaded_hits.sum()) if "loaded_hits" in g else 0
        words_loaded = int(g.loaded_words.sum()) if "loaded_words" in g else 0
        rows.append({by: key, "articles": len(g), "failed": int((e[by] == key).sum()) if by in e.columns else 0,
                     "words": words, "words_report": int(g.words_report.sum()),
                     "words_editorial": int(g.words_editorial.sum()),
                     "utterances": int(g.utterances.sum()) if "utterances" in g else 0,
                     "loaded_hits": hits,
                     "loaded_per_1000": round(1000.0 * hits / words_loaded, 2) if words_loaded else 0.0,
                     "loaded_per_1000_mean": round(float(g.loaded_per_1000.mean()), 2) if "loaded_per_1000" in g
                     else 0.0,
                     "dominant_frame": _mode(g.dominant_frame) if "dominant_frame" in g else "",
                     # mean over the group's articles of the reporter voice's tone / the quoted speakers' mean tone
                     "tone_reporter": _mean(g, "tone_reporter"), "speaker_tone": _mean(g, "speaker_tone_mean")})
    return pd.DataFrame(rows, columns=cols)


def frame_shares(out_dir, by: str = "outlet", scheme: str = "issue") -> pd.DataFrame:
    """Each group's frame profile: for every ``frame`` of ``scheme`` the cue ``hits``, summed cue
    ``weight`` and ``share`` of the group's weight (report and editorial voices; boilerplate left
    out), plus ``articles`` (how many of the group's articles use the frame at all)."""
    h = read_table(out_dir, "frame_hits")
    cols = [by, "frame", "hits", "weight", "share", "articles"]
    if h.empty or "scheme" not in h.columns:
        return pd.DataFrame(columns=cols)
    h = h[(h.scheme == scheme) & (h.voice != "boilerplate")]
    g = h.groupby([by, "frame"]).agg(hits=("start", "size"), weight=("weight", "sum"),
                                     articles=("article_id", "nunique")).reset_index()
    g["share"] = (g.weight / g.groupby(by).weight.transform("sum")).round(4)
    return g.sort_values([by, "share", "frame"], ascending=[True, False, True])[cols].reset_index(drop=True)


def top_terms(out_dir, by: str = "outlet", n: int = 8) -> pd.DataFrame:
    """The ``n`` most frequent loaded terms (lexicon entries) of each group, with their category,
    hits, and how many articles of the group use them."""
    h = read_table(out_dir, "loaded_hits")
    cols = [by, "term", "category", "hits", "articles", "examples"]
    if h.empty:
        return pd.DataFrame(columns=cols)
    g = h.groupby([by, "term", "category"]).agg(hits=("start", "size"), articles=("article_id", "nunique"),
                                                examples=("text", lambda s: ", ".join(sorted(set(s))[:3])))
    g = g.reset_index()
    g = g.sort_values([by, "hits", "term"], ascending=[True, False, True])
    return g.groupby(by, sort=True).head(n)[cols].reset_index(drop=True)


def _canonical_names(names: Iterable[str]) -> dict:
    """Corpus-wide aliases: a one-word name maps to the only longer name in the corpus that ends
    with it ("Carter" -> "Ash Carter"); names with several candidates stay as they are."""
    names = sorted(set(n for n in names if isinstance(n, str) and n))
    full = [n for n in names if " " in n]
    out = {}
    for n in names:
        if " " not in n:
            cands = [f for f in full if f.split()[-1] == n]
            out[n] = cands[0] if len(cands) == 1 else n
        else:
            out[n] = n
    return out


def speakers(out_dir) -> pd.DataFrame:
    """Every quoted speaker who is a named actor of the article (person or organisation in the
    ``actors`` table; pronouns and unresolved phrases left out), with a corpus-wide ``name``
    (``"Carter"`` and ``"Ash Carter"`` merged), ``utterances`` and quoted ``words`` per article."""
    u = read_table(out_dir, "utterances")
    act = read_table(out_dir, "actors")
    cols = ["article_id", "outlet", "date", "speaker", "name", "kind", "utterances", "words"]
    if u.empty or act.empty or "speaker" not in u.columns:
        return pd.DataFrame(columns=cols)
    kinds = {(r.article_id, r.actor): r.kind for r in act.itertuples()}
    u = u[[(a, s) in kinds for a, s in zip(u.article_id, u.speaker)]].copy()
    if u.empty:
        return pd.DataFrame(columns=cols)
    u["kind"] = [kinds[(a, s)] for a, s in zip(u.article_id, u.speaker)]
    names = _canonical_names(act[act.kind == "person"].actor.tolist() + u.speaker.tolist())
    u["name"] = u.speaker.map(lambda s: names.get(s, s))
    u["words"] = u.text.fillna("").map(lambda t: len(_word_re().findall(t)))
    g = u.groupby(["article_id", "outlet", "date", "speaker", "name", "kind"]).agg(
        utterances=("start", "size"), words=("words", "sum")).reset_index()
    return g[cols].sort_values(["name", "date", "article_id"]).reset_index(drop=True)


@lru_cache(maxsize=None)
def _word_re():
    from ..resources import WORD_RE

    return WORD_RE


def recurring_speakers(out_dir, min_articles: int = 2) -> pd.DataFrame:
    """Speakers quoted in at least ``min_articles`` articles: ``name``, ``articles``, ``outlets``,
    ``first`` and ``last`` date, ``utterances``, ``words``."""
    s = speakers(out_dir)
    cols = ["name", "kind", "articles", "outlets", "first", "last", "utterances", "words"]
    if s.empty:
        return pd.DataFrame(columns=cols)
    g = s.groupby(["name"]).agg(kind=("kind", "first"), articles=("article_id", "nunique"),
                                outlets=("outlet", lambda x: ", ".join(sorted(set(x)))),
                                first=("date", "min"), last=("date", "max"),
                                utterances=("utterances", "sum"), words=("words", "sum")).reset_index()
    g = g[g.articles >= min_articles]
    g = g.sort_values(["articles", "utterances", "name"], ascending=[False, False, True])
    return g[cols].reset_index(drop=True)


def speaker_tone(out_dir, min_articles: int = 2, by: str = "outlet") -> pd.DataFrame:
    """The tone of each recurring speaker (quoted in ``min_articles`` articles or more) per group:
    the mean of the per-article speaker scores of ``analysis.sentiment`` (``speakers`` table).
    Empty, with the same columns, when the run wrote no ``speakers`` table or no speaker recurs."""
    cols = ["name", by, "articles", "tone", "min", "max"]
    sp = read_table(out_dir, "speakers")
    if sp.empty or "speaker" not in sp.columns:
        return pd.DataFrame(columns=cols)
    col = next((c for c in TONE_COLUMNS if c in sp.columns), None)
    if col is None:
        return pd.DataFrame(columns=cols)
    act = read_table(out_dir, "actors")
    names = _canonical_names((act.actor.tolist() if not act.empty else []) + sp.speaker.tolist())
    if "kind" in sp.columns:
        sp = sp[sp.kind != "voice"]  # the reporter's and the editorial voice are not speakers
    sp = sp.assign(name=sp.speaker.map(lambda s: names.get(s, s)), tone_value=pd.to_numeric(sp[col], errors="coerce"))
    sp = sp[sp.tone_value.notna()]
    keep = set(recurring_speakers(out_dir, min_articles).name)
    sp = sp[sp.name.isin(keep)]
    if sp.empty:
        return pd.DataFrame(columns=cols)
    g = sp.groupby(["name", by]).agg(articles=("article_id", "nunique"), tone=("tone_value", "mean"),
                                     min=("tone_value", "min"), max=("tone_value", "max")).reset_index()
    g[["tone", "min", "max"]] = g[["tone", "min", "max"]].round(3)
    return g.sort_values(["name", by])[cols].reset_index(drop=True)


def check_offsets(out_dir, tables=("utterances", "frame_hits", "loaded_hits", "paragraphs")) -> dict:
    """For every row with ``start``/``end`` in the given tables, whether the stored text's
    ``text[start:end]`` reproduces the row's ``text`` column (``paragraphs``: that the span lies in
    the text): ``{table: [rows checked, mismatches]}``."""
    texts = read_table(out_dir, "texts")
    if texts.empty:
        return {}
    text = dict(zip(texts.article_id, texts.text))
    out = {}
    for name in tables:
        t = read_table(out_dir, name)
        if t.empty or "start" not in t.columns:
            continue
        bad = 0
        for r in t.itertuples():
            s = text.get(r.article_id, "")
            if "text" in t.columns:
                bad += s[r.start:r.end] != r.text
            else:
                bad += not (0 <= r.start <= r.end <= len(s))
        out[name] = [len(t), bad]
    return out


def describe(groups: pd.DataFrame, by: str = "outlet") -> str:
    """A plain-language reading of :func:`group_summary` (one or two sentences), as Markdown with
    every name from the corpus escaped (it shows as written, and no markup in it takes effect).

    >>> g = pd.DataFrame({"outlet": ["<img src=x onerror=alert(1)>", "*B*"], "articles": [1, 3], "words": [10, 20],
    ...                   "loaded_per_1000": [5.0, 1.0], "loaded_hits": [1, 1], "dominant_frame": ["", ""]})
    >>> print(describe(g))  # doctest: +NORMALIZE_WHITESPACE
    4 articles from 2 outlets were analysed. Loaded terms are densest in &lt;img src=x onerror=alert\\(1\\)&gt;
    (5.0 per 1,000 words, 1 hits in 1 article) and sparsest in \\*B\\* (1.0). 1 of the 2 outlets has fewer
    than three articles: read their figures as examples, not as estimates.
    """
    if groups is None or groups.empty:
        return "No article could be analysed."
    g = groups[groups.words > 0]
    if g.empty:
        return "The analysed articles hold no words."
    e = md_escape
    hi = g.sort_values(["loaded_per_1000", by], ascending=[False, True]).iloc[0]
    lo = g.sort_values(["loaded_per_1000", by], ascending=[True, True]).iloc[0]
    parts = [f"{int(g.articles.sum())} articles from {len(g)} {e(by)}s were analysed."]
    if len(g) > 1:
        parts.append(f"Loaded terms are densest in {e(hi[by])} ({hi.loaded_per_1000:.1f} per 1,000 words, "
                     f"{int(hi.loaded_hits)} hits in {int(hi.articles)} article{'s' if hi.articles != 1 else ''}) "
                     f"and sparsest in {e(lo[by])} ({lo.loaded_per_1000:.1f}).")
    frames = sorted(set(g.dominant_frame) - {""})
    if frames:
        parts.append("The frame that dominates most articles is "
                     + "; ".join(f"{e(r.dominant_frame)} in {e(r[by])}" for _, r in g.iterrows() if r.dominant_frame)
                     + ".")
    small = g[g.articles < 3]
    if len(small):
        parts.append(f"{len(small)} of the {len(g)} {e(by)}s {'has' if len(small) == 1 else 'have'} fewer than "
                     "three articles: read their figures as examples, not as estimates.")
    return " ".join(parts)
