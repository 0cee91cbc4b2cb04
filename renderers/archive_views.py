"""`list` and `lineage`: what the archive holds, as text for a terminal or JSON for machines.

A synthetic edition is marked in both formats, so that an invented year never reads as a real one;
a lineage drawn on one says so.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence

from ..versions.archive.store import StoredEdition
from .escaping import json_text, one_line


def render_list(editions: Sequence[StoredEdition], synthetic: Iterable[str], fmt: str) -> str:
    """One line (text) or record (JSON, policydiff/list/1) per edition, oldest first."""
    fake = frozenset(synthetic)
    if fmt == "json":
        rows = [{"name": e.name, "document": e.document, "edition": e.edition, "source": e.source_name,
                 "sha256": e.sha256, "commit": e.commit, "parser": e.parser, "synthetic": e.name in fake}
                for e in editions]
        return json_text(json.dumps({"schema": "policydiff/list/1", "editions": rows}, ensure_ascii=False,
                                    sort_keys=True, indent=2)) + "\n"
    return "".join(f"{one_line(e.name)}\t{one_line(e.source_name)}\tsha256 {e.sha256[:12]}\tcommit {e.commit[:10]}"
                   + ("\tSYNTHETIC (not a real report)" if e.name in fake else "") + "\n" for e in editions)


def render_lineage(lineages: Mapping[str, list[list[str]]], synthetic: Iterable[str], fmt: str) -> str:
    """Per document its lineages (A → B → C), naming the synthetic editions they were drawn on
    (policydiff/lineage/1 in JSON)."""
    fake: dict[str, list[str]] = {}
    for name in sorted(synthetic):
        doc, _, label = name.partition("/")
        if doc in lineages:
            fake.setdefault(doc, []).append(label)
    if fmt == "json":
        return json.dumps({"schema": "policydiff/lineage/1", "lineages": lineages, "synthetic": fake},
                          ensure_ascii=False, sort_keys=True, indent=2) + "\n"
    out = []
    for doc, chains in lineages.items():
        out.append(f"{doc}: {len(chains)} lineage(s)")
        if doc in fake:
            out.append(f"  *** drawn on SYNTHETIC edition(s) {', '.join(fake[doc])}: not a real history ***")
        out += ["  " + " → ".join(chain) for chain in chains]
    return "".join(line + "\n" for line in out)
