"""Actors: who is named how in an article, every mention with offsets, its labelling modifier and voice.

Two sources of actors, merged per article:

* the curated alias file ``data/lexicons/actors.csv`` (countries and their capitals used as
  metonyms, governments, armed groups, coalitions, media, a few heads of state), extensible by a
  user alias file (:func:`alias_table`);
* people found in the text itself: capitalised name sequences introduced by a title or role
  ("Russian Foreign Minister Sergey Lavrov", "Mr. Trump"), by a known first name
  (``data/lexicons/first_names.csv``), by an appositive role ("the Foreign Ministry's spokesperson,
  Maria Zakharova") or by a speech verb ("Jimmy Tompkins said"). Later surname-only mentions
  ("Lavrov"), honorific mentions ("Mrs. Clinton") and role mentions ("the Russian FM",
  "the spokeswoman") resolve to the same person. Titles and abbreviations are in
  ``data/lexicons/roles.csv``.

Public functions: :func:`alias_table`, :func:`find_mentions`, :func:`actor_table`, :func:`tables`
(``{"mentions", "actors"}``), :func:`resolve` (span -> canonical actor), :func:`gender`,
:func:`previous_person` (for pronoun speakers). Results are cached on the Article, so repeated
``resolve`` calls are cheap. Plain strings are accepted wherever an Article is.

The modules, in the order the analysis runs: :mod:`.aliases` (the curated alias table and its one
regex), :mod:`.roles` (titles, roles, the labelling pre-modifier; the lexicons behind person
detection), :mod:`.names` (capitalised name runs that are people), :mod:`.people` (people and
mentions), :mod:`.mentions` (the steps of one article's analysis), :mod:`.tables` (the public tables
and look-ups); :mod:`.patterns` and :mod:`.trie` hold the regular expressions.

Mentions never overlap; every one satisfies ``article.text[start:end] == mention``. The pre-modifier
that labels a mention ("Western proxy army" ISIS, "democratically-elected President" Assad) is
reported with its own offsets; a leading determiner ("the", "this") is not part of it.

>>> from analysis import Article, actors
>>> a = Article.from_text("Russian Foreign Minister Sergey Lavrov spoke to the press on Monday. "
...     "Washington is wrong, Lavrov said. The Russian FM added that the US must talk to Damascus.")
>>> m = actors.find_mentions(a)
>>> m[["actor", "mention", "how"]].values.tolist()[:3]
[['Sergey Lavrov', 'Sergey Lavrov', 'title+name'], ['United States', 'Washington', 'curated'],
 ['Sergey Lavrov', 'Lavrov', 'surname']]
>>> actors.resolve(a, a.text.index("The Russian FM"), a.text.index("The Russian FM") + 14)
'Sergey Lavrov'
>>> actors.actor_table(a).set_index("actor").loc["Sergey Lavrov", "role"]
'Russian Foreign Minister'
"""
from __future__ import annotations

from .aliases import ALIAS_COLUMNS, alias_table, user_alias_file
from .names import canonical_name, name_kind, person_key
from .tables import (ACTOR_COLUMNS, MENTION_COLUMNS, actor_columns, actor_table, find_mentions, gender, is_person,
                     kind, lookup_form, mention_columns, people_between, previous_person, resolve, role_of, tables)

__all__ = ["alias_table", "user_alias_file", "find_mentions", "mention_columns", "actor_table", "actor_columns",
           "tables",
           "resolve", "lookup_form", "is_person", "kind", "gender", "previous_person", "people_between", "role_of",
           "canonical_name", "name_kind", "person_key",
           "ALIAS_COLUMNS",
           "MENTION_COLUMNS", "ACTOR_COLUMNS"]
