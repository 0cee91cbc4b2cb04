"""The edition model: what one report edition says (edition.py), its exceptions, the comparison form of
its text (normalize.py) and Japanese era years (eras.py). Every other part of policydiff builds on it."""
