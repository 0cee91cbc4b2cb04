"""Program lineages across several editions: A → B → C, from stated successions and renames."""

from __future__ import annotations

from collections.abc import Sequence

from ..versions.model.edition import Edition
from ..versions.model.normalize import normalize
from .engine import diff_editions
from .model import Options, Rename
from .renames import explicit_renames, lineage


def program_lineage(editions: Sequence[Edition], options: Options | None = None) -> list[list[str]]:
    """Editions oldest first. Each edition's own successions, then the renames between neighbours."""
    ordered = sorted(editions, key=lambda e: (e.results_fy, e.edition))
    renames: list[Rename] = []
    known: set[tuple[str, str]] = set()
    for k, ed in enumerate(ordered):
        if k:
            renames += [r for r in diff_editions(ordered[k - 1], ed, options).renames if r.evidence == "similarity"]
        stated = explicit_renames(((m.id, s) for m, _, _, s in ed.successions()), known)
        known |= {(normalize(r.old), normalize(r.new)) for r in stated}
        renames += stated
    return lineage(renames)
