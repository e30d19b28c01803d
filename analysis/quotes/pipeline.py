"""The driver: runs the stages of attribution over one article, in order, and caches the result on
the article (per alias table, lexicon version and setting).
"""
from __future__ import annotations

import bisect
import os

import pandas as pd

from .. import cues as _cues
from . import continuations, direct, reported, speakers, transcripts
from .grammar import grammar, junk_mention
from .layout import ArticleRef, Doc, Utt


# reported speech kept without a speaker name: 'according to' and transcript turns name their source otherwise
REPORTED_KEEP = ("according", "transcript", "continuation", "unattributed")


class Analysis(ArticleRef):
    """The utterances of one article (``utts``, sorted by offset, with their speakers) and the
    :class:`~.layout.Doc` they were found in. The stages each add or change utterances:
    :mod:`.direct`, :mod:`.reported`, :mod:`.continuations`, :mod:`.transcripts`, then
    :mod:`.speakers` names every speaker."""

    def __init__(self, article, aliases=None, lx=None, split_around_cue=False):
        self.article = article
        self.aliases = aliases
        self.split_around_cue = split_around_cue
        self.doc = Doc(article, lx)
        self.g = grammar(self.doc.lx)
        self.utts: list[Utt] = []
        self.memo: dict = {}  # what a stage computes once per article (marks per sentence, coordinated cues)
        self._cued: list = []  # (cue start, order, utterance) of the utterances with a cue and a speaker mention
        direct.attribute(self)
        reported.attribute(self)
        continuations.attribute(self)
        transcripts.attribute(self)
        self.utts.sort(key=lambda u: (u.start, u.end))
        speakers.attribute(self)
        self.utts = [u for u in self.utts if not _sourceless(self, u)]

    def add(self, u: Utt) -> None:
        """Append an utterance found by a cue (the direct and reported stages)."""
        self.utts.append(u)
        if u.cue is not None and u.src:
            bisect.insort(self._cued, (u.cue.start, len(self._cued), u))

    def last_cued(self, lo: int, hi: int):
        """The utterance added last whose cue starts in ``[lo, hi)`` and that names a speaker, or None."""
        xs = self._cued
        i, j = bisect.bisect_left(xs, (lo,)), bisect.bisect_left(xs, (hi,))
        return max(xs[i:j], key=lambda x: x[1])[2] if j > i else None


def _sourceless(an, u: Utt) -> bool:
    """Is ``u`` reported speech whose source phrase names nobody: no speaker, and a mention that is
    no pronoun ('more revealing', 'One of the big questions', 'it's worth emphasizing')? Then the
    cue was no report of speech (a quotation with such a mention stays: its words are someone's)."""
    if u.speaker or u.kind == "direct" or u.how in REPORTED_KEEP or u.src is None:
        return False
    return junk_mention(an.g, an.doc.text[u.src[0]:u.src[1]])




def _alias_key(aliases):
    if aliases is None:
        return None
    if isinstance(aliases, pd.DataFrame):
        return ("df", tuple(aliases.columns), tuple(map(tuple, aliases.astype(str).values.tolist())))
    try:
        return (str(aliases), os.stat(aliases).st_mtime)
    except (OSError, TypeError):
        return (str(aliases), 0)


def analysis(article, aliases=None, split_around_cue=False) -> Analysis:
    """The cached analysis of an article (per alias table and lexicon version)."""
    store = article.__dict__.setdefault("_quotes_cache", {})
    stamp = _cues.stamp()
    key = (_alias_key(aliases), stamp, bool(split_around_cue))
    an = store.get(key)
    if an is None:
        an = store[key] = Analysis(article, aliases, _cues.lexicon_at(stamp), bool(split_around_cue))
    return an
