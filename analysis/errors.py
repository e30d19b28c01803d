"""The exceptions the suite raises for input and settings it cannot use: each message is one line
that names the path and says what to do, and the command line turns every one into exit status 2
(anything else is a bug: exit status 1).

>>> from analysis import ArticleError, Article
>>> try:
...     Article.from_text("   ")
... except ArticleError as e:
...     print(e)
article: empty input: the article holds no text
>>> issubclass(OutputError, ArticleError), issubclass(LexiconError, ArticleError)
(True, True)
"""


class ArticleError(ValueError):
    """Input that cannot be analysed. The message is one line, fit for a terminal."""

    def __init__(self, message: str):
        super().__init__(" ".join(str(message).split()))


class OutputError(ArticleError):
    """An output path that cannot or must not be written (the input itself, a special file, a
    read-only folder, a full disk, a folder another run is writing)."""


class LexiconError(ArticleError):
    """A lexicon folder or file (``$ANALYSIS_LEXICONS``, a user alias file) that cannot be used."""


class AnalysisFailed(RuntimeError):
    """An analysis that fails on a short, valid test article: a bug or a broken installation, not
    bad input (exit status 1). The message names the analysis."""

    def __init__(self, message: str):
        super().__init__(" ".join(str(message).split()))
