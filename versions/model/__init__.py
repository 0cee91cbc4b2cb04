"""The edition model: what one report edition says (edition.py), its exceptions, the comparison form of
its text (normalize.py), Japanese era years (eras.py) and the cycle collector paused while editions are
read, diffed and rendered (gc_pause.py). Every other part of policydiff builds on it."""
