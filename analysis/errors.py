"""The one exception the suite raises for input it cannot analyse.

>>> from analysis import ArticleError, Article
>>> try:
...     Article.from_text("   ")
... except ArticleError as e:
...     print(e)
article: empty input: the article holds no text
"""


class ArticleError(ValueError):
    """Input that cannot be analysed. The message is one line, fit for a terminal."""

    def __init__(self, message: str):
        super().__init__(" ".join(str(message).split()))
