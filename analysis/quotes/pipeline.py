"""The driver: runs the stages of attribution over one article, in order, and caches the result on
the article (per alias table, lexicon version and setting).
"""
from __future__ import annotations

import os

import pandas as pd

from .. import cues as _cues
from . import continuations, direct, reported, speakers, transcripts
from .grammar import grammar
from .layout import ArticleRef, Doc, Utt


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
        direct.attribute(self)
        reported.attribute(self)
        continuations.attribute(self)
        transcripts.attribute(self)
        self.utts.sort(key=lambda u: (u.start, u.end))
        speakers.attribute(self)


def as_article(article):
    """An :class:`~analysis.article.Article` as it is, text wrapped as one; anything else is an
    :class:`~analysis.errors.ArticleError`."""
    from ..article import Article
    from ..errors import ArticleError

    if isinstance(article, Article):
        return article
    if isinstance(article, str):
        return Article.from_text(article)
    raise ArticleError(f"expected an Article or text, got {type(article).__name__}")


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
