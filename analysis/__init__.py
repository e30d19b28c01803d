"""Media-analysis toolkit: who says what in a news article, in which tone, with which frames and
loaded terms, every finding carrying character offsets into the text the loader returned.

>>> import analysis
>>> a = analysis.load_article("data/raw/rt-2015-lavrov-kerry-syria.txt")
>>> first = a.sentences[a.sentences.voice == "report"].iloc[0]
>>> a.text[first.start:first.end][:24]
'Russian Foreign Minister'
"""
from .errors import ArticleError
from .article import Article, ArticleWarning, load_article

__all__ = ["Article", "ArticleError", "ArticleWarning", "load_article"]
__version__ = "0.1.0"
