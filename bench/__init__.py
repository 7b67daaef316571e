"""Benchmarks of the site builder on synthetic corpora: `python -m bench --help`.

corpus.py writes a corpus (`python -m bench.corpus OUT --cases N`), vocabulary.py holds its
word lists, run.py measures builds of it, child.py holds the steps run in a process of
their own, hugo_site.py and hugo/ turn the corpus into a Hugo site for the comparison.
Needs psutil (in the project's test extras).
"""
