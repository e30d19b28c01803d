"""Code taken from published libraries and owned here, each file with its licence beside it and a
header that says where it came from and what was changed (see ``README.md`` in this folder).

* :mod:`analysis._vendor.vader`: nltk's VADER sentiment analyser (nltk 3.10.4, Apache 2.0; VADER
  itself by C.J. Hutto, MIT), same scores, faster tokenizer and valence loop.
"""
