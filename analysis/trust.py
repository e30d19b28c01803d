"""How far to trust these numbers: the suite's validation figures, each explained in plain words.

The figures are the ones committed in ``data/validation/*.json`` by the evaluation scripts (read
through each analysis module's ``validation()``; this never reads the evaluation data itself), put
beside what they mean for a reader of one article's report, plus what this article's own
attributions say about their confidence. Plain data: :func:`rows` gives ``topic``, ``figure`` and
``meaning`` strings; the report's index prints them in a section of their own, apart from the
findings about the article.

>>> from analysis import Article
>>> r = rows(Article.from_text('"We act now," Merkel said.'))
>>> [x["topic"] for x in r][:2]
['Who says what', 'Tone of a sentence']
"""
from __future__ import annotations

from . import framing, loaded, quotes, sentiment, summary
from .article import Article


def _get(d, *keys, default=None):
    for k in keys:
        if not isinstance(d, dict) or k not in d:
            return default
        d = d[k]
    return d


def _attribution(article: Article) -> dict:
    q = quotes.find_quotes(article)
    n = len(q)
    low = int((q.confidence.astype(float) < summary.UNCERTAIN_BELOW).sum()) if n and "confidence" in q else 0
    return {"topic": "Who says what",
            "figure": f"{low} of {n} attributions in this article under {summary.UNCERTAIN_BELOW:.1f} confidence",
            "meaning": (f"Every utterance carries the quotes module's confidence that its speaker is right. At "
                        f"{summary.UNCERTAIN_BELOW:.1f} or more an attribution is right at least 9 times in 10 on the "
                        f"suite's evaluation data; below it the evidence page marks it unsure, and a finding that "
                        f"rests mostly on such attributions says so. A wrong speaker moves words, tone and loaded "
                        f"terms to the wrong row of every table: check the unsure ones, and correct them with "
                        f"--corrections.")}


def _sentiment() -> list[dict]:
    d = sentiment.validation()["json"]
    out = []
    r = _get(d, "nyt_cv", "full", "by_article")
    if r:
        out.append({"topic": "Tone of a sentence",
                    "figure": f"r = {float(r[0]):.2f} with the average of human ratings (cross-validated)",
                    "meaning": ("Tone scores go along with the average rating that human readers gave New York Times "
                                "editorial snippets, though less closely than the readers agree with each other (about "
                                "r = .71 on that data): a fair but imperfect stand-in for a reader's judgement. Read a "
                                "speaker's tone as a summary of many sentences, with its 95% interval; one sentence's "
                                "score is a rough guide only.")})
    f1 = _get(d, "newsmtsc_dev", "macro_f1_toward")
    floor = _get(d, "newsmtsc_dev", "macro_f1_all_neutral")
    if f1 is not None:
        out.append({"topic": "Tone toward a person or country",
                    "figure": f"macro-F1 {float(f1):.2f} on news sentences rated for a target"
                              + (f" (calling everything neutral: {float(floor):.2f})" if floor is not None else ""),
                    "meaning": ("Whether a sentence is negative, neutral or positive toward the actor it names is "
                                "right a little more than half the time across the three classes: read the evidence "
                                "sentence behind each 'most negative toward' before repeating it.")})
    return out


def _frames() -> list[dict]:
    d = framing.validation()
    half = _get(d, "frac", "halves", "B_odd_rows_unread", "macro_f1")
    nfc = _get(d, "nfc", "cv_macro_f1")
    out = []
    if half is not None:
        out.append({"topic": "Issue frames",
                    "figure": f"macro-F1 {float(half):.2f} against human coders (sentences the lexicon's authors "
                              f"never read)",
                    "meaning": ("The frame a sentence's cue words point to matches the frame human coders gave it "
                                "about seven times in ten. A frame rate counts vocabulary, not meaning: negation, "
                                "irony and quoted opponents all count as cues.")})
    if nfc is not None:
        out.append({"topic": "Generic frames (conflict, morality...)",
                    "figure": f"macro-F1 {float(nfc):.2f} on whole articles (cross-validated)",
                    "meaning": ("Whether an article uses the conflict, human-interest, economic, morality or "
                                "responsibility frame is right about six times in ten; human interest and morality "
                                "are the weakest.")})
    return out


def _loaded() -> list[dict]:
    cv = _get(loaded.validation()["json"], "cross_validated")
    if not cv:
        return []
    return [{"topic": "Loaded terms",
             "figure": f"F1 {float(cv['f1']):.2f} (precision {float(cv['precision']):.2f}, recall "
                       f"{float(cv['recall']):.2f}) at finding sentences annotators marked as loaded (cross-validated)",
             "meaning": (f"About {round(float(cv['precision']) * 10)} in 10 of the sentences with a marked term were "
                         f"marked loaded by annotators of propaganda-technique data, and about "
                         f"{round(float(cv['recall']) * 10)} in 10 of the sentences they marked are found. A "
                         f"marked term is a flag for a reader, not a verdict: the lexicon cannot see context "
                         f"('a dangerous road').")}]


def rows(article: Article) -> list[dict]:
    """One dict per measure: ``topic``, ``figure`` (the number, worded) and ``meaning`` (what it
    means for a reader of this report)."""
    return [_attribution(article)] + _sentiment() + _frames() + _loaded() + [{
        "topic": "Small numbers", "figure": f"under {summary.MIN_WORDS} words",
        "meaning": (f"A voice or speaker with fewer than {summary.MIN_WORDS} words has too little text for a stable "
                    f"tone or rate: one word moves it a lot. Findings that rest on so little say so.")}]
