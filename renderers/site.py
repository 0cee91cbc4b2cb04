"""`policydiff site -o DIR`: a static site over the whole archive, written incrementally.

    DIR/index.html                          documents, editions, every pair's report; the search box
    DIR/<document>/index.html               the document's timeline
    DIR/<document>/pairs/<old>--<new>.html  each consecutive pair's HTML report, with links both ways
    DIR/<document>/programs/pg-….html       a program: budget chart, series, events, the rows citing it
    DIR/<document>/measures/ml-….html       a measure lineage: its history across the editions
    DIR/.policydiff-site.json               what was written: inputs' fingerprint, each page's sha256

No server: relative links only, so the folder opens from disk and moves as a whole. Incremental: a
page is rewritten only when its bytes change, and when the archive, its review records and this
version of policydiff are as they were at the last run, nothing is recomputed at all. A page the
last run wrote and this one does not (an edition replaced) is removed; files policydiff did not
write are never touched.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..diffengine.timeline import build_timeline
from ..diffengine.timeline_model import Timeline
from ..versions.archive.files import write_file_atomic
from ..versions.model.errors import PolicydiffError
from .html import TEMPLATES
from .site_strings import STRINGS
from .timeline_html import index_page, measure_page, program_page, search_text, timeline_page

MANIFEST = ".policydiff-site.json"
SCHEMA = "policydiff/site/1"
NAV_AFTER = '<a class="skip" href="#main">'  # the report's first element: our links go right after it


@dataclass(frozen=True)
class SiteResult:
    path: Path
    rewritten: int  # pages written because their bytes changed (or were missing)
    unchanged: int
    removed: int  # pages of the last run that this run no longer has


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fingerprint(store: Any, version: str) -> str:
    """Everything the pages depend on: the editions stored, the auditor's review records, this
    version and its templates. Equal fingerprints give equal pages."""
    h = hashlib.sha256(f"{SCHEMA}\x1f{version}".encode())
    for e in store.editions():
        h.update(f"\x1e{e.name}\x1f{e.sha256}\x1f{e.commit}\x1f{e.parser}".encode())
    for path in store.files("reviews/"):
        h.update(f"\x1e{path}\x1f".encode() + (store.read_file(path) or b""))
    for asset in sorted(TEMPLATES.iterdir()):
        h.update(asset.name.encode() + _sha(asset.read_bytes()).encode())
    for module in sorted(Path(__file__).parent.glob("*.py")) + sorted((Path(__file__).parent.parent / "diffengine").glob("*.py")):
        h.update(_sha(module.read_bytes()).encode())  # a development build changes without a new version
    return h.hexdigest()


def _read_manifest(out: Path) -> dict[str, Any]:
    try:
        found = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) and found.get("schema") == SCHEMA else {}


def _intact(out: Path, pages: dict[str, Any]) -> bool:
    for rel, rec in pages.items():
        try:
            if _sha((out / rel).read_bytes()) != rec.get("sha256"):
                return False
        except OSError:
            return False
    return True


class _Links:
    """Relative addresses from a page UP levels below the document's folder."""

    def __init__(self, t: Timeline, up: str) -> None:
        self.up = up
        self.pairs = {(s.old, s.new) for s in t.steps}
        self.lineage = {(e.label, mid): m.key for m in t.measures for e, mid in zip(t.editions, m.ids, strict=True) if mid}

    def __call__(self, kind: str, *keys: str) -> str | None:
        if kind == "pair":
            return f"{self.up}pairs/{keys[0]}--{keys[1]}.html" if (keys[0], keys[1]) in self.pairs else None
        if kind == "program":
            return f"{self.up}programs/{keys[0]}.html"
        if kind == "measure":
            return f"{self.up}measures/{keys[0]}.html"
        if kind == "measure-at":
            key = self.lineage.get((keys[0], keys[1]))
            return f"{self.up}measures/{key}.html" if key else None
        return None


def pair_nav(t: Timeline, k: int, lang: str = "ja") -> str:
    """The links a pair's report gets at its top: the index, the document, the previous and next pair."""
    s = STRINGS[lang]
    links = [("../../index.html", "policydiff"), ("../index.html", f"{t.document} · {s['timeline']}")]
    if k > 0:
        a = t.steps[k - 1]
        links.append((f"{a.old}--{a.new}.html", f"← {a.old} → {a.new}"))
    if k + 1 < len(t.steps):
        b = t.steps[k + 1]
        links.append((f"{b.old}--{b.new}.html", f"{b.old} → {b.new} →"))
    items = "".join(f'<li><a href="{href}">{text}</a></li>' for href, text in links)
    return f'<nav class="site-nav" aria-label="{s["nav"]}"><ol>{items}</ol></nav>\n'


def with_nav(report: str, nav: str) -> str:
    """The report with NAV after its skip link (so the skip link stays the first stop of Tab)."""
    at = report.find(NAV_AFTER)
    at = report.find("\n", at) + 1 if at >= 0 else report.find(">", report.find("<body")) + 1
    return report[:at] + nav + report[at:]


def _document_pages(t: Timeline, version: str, lang: str) -> dict[str, bytes]:
    s, doc = STRINGS[lang], t.document
    pages = {f"{doc}/index.html": timeline_page([t], version=version, lang=lang, link=_Links(t, ""), standalone=False,
                                                 crumbs=[("policydiff", "../index.html"), (doc, None)])}
    inner = _Links(t, "../")
    for p in t.programs:
        crumbs = [("policydiff", "../../index.html"), (doc, "../index.html"), (s["programs"], "../index.html#programs"),
                  (p.name, None)]
        pages[f"{doc}/programs/{p.key}.html"] = program_page(t, p, inner, crumbs, version, lang)
    for m in t.measures:
        crumbs = [("policydiff", "../../index.html"), (doc, "../index.html"), (s["measures"], "../index.html#measures"),
                  (m.title, None)]
        pages[f"{doc}/measures/{m.key}.html"] = measure_page(t, m, inner, crumbs, version, lang)
    return {k: v.encode("utf-8") for k, v in pages.items()}


def _entries(t: Timeline, lang: str) -> list[dict[str, str]]:
    s, doc = STRINGS[lang], t.document
    out = [{"kind": s["entry_measure"], "label": m.title, "href": f"{doc}/measures/{m.key}.html",
            "note": " · ".join(f"{i} ({e.label})" for e, i in zip(t.editions, m.ids, strict=True) if i)
            if len({i for i in m.ids if i}) > 1 else "",
            "text": search_text(doc, *dict.fromkeys(x for x in m.titles if x), *(i for i in m.ids if i))} for m in t.measures]
    out += [{"kind": s["entry_program"], "label": p.name, "href": f"{doc}/programs/{p.key}.html",
             "note": (s["formerly"] + " " + " → ".join(p.names[:-1])) if len(p.names) > 1 else "",
             "text": search_text(doc, *p.names)} for p in t.programs]
    return out


def write_site(out: Path, store: Any, load_chains: Callable[[], Sequence[Any]],
               render_pair: Callable[[Any, int], str], version: str, lang: str = "ja") -> SiteResult:
    """LOAD_CHAINS gives each document's editions and pairwise diffs (api.Chain); RENDER_PAIR(chain, k)
    the HTML report of pair k, as `policydiff diff --format html` writes it."""
    if out.exists() and not out.is_dir():
        raise PolicydiffError(f"{out} is a file, not a folder for the site")
    manifest = _read_manifest(out)
    inputs = fingerprint(store, version)
    old_pages: dict[str, Any] = manifest.get("pages", {}) if isinstance(manifest.get("pages"), dict) else {}
    if manifest.get("inputs") == inputs and _intact(out, old_pages):
        return SiteResult(out, 0, len(old_pages), 0)
    pages: dict[str, bytes] = {}
    documents, entries = [], []
    for chain in load_chains():
        t = build_timeline(chain.editions, chain.diffs)
        pages.update(_document_pages(t, version, lang))
        for k, st in enumerate(t.steps):
            pages[f"{t.document}/pairs/{st.old}--{st.new}.html"] = with_nav(render_pair(chain, k), pair_nav(t, k, lang)
                                                                           ).encode("utf-8")
        documents.append({"t": t, "href": f"{t.document}/index.html",
                          "pairs": [{"new": st.new, "relation": st.relation, "href": f"{t.document}/pairs/{st.old}--{st.new}.html"}
                                    for st in t.steps]})
        entries += _entries(t, lang)
    pages["index.html"] = index_page(documents, entries, version, lang).encode("utf-8")
    return _write(out, pages, old_pages, inputs)


def _write(out: Path, pages: dict[str, bytes], old_pages: dict[str, Any], inputs: str) -> SiteResult:
    rewritten = unchanged = removed = 0
    for rel, data in sorted(pages.items()):
        path = out / rel
        try:
            same = path.read_bytes() == data
        except OSError:
            same = False
        if same:
            unchanged += 1
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        write_file_atomic(path, data)
        rewritten += 1
    for rel, rec in sorted(old_pages.items()):
        path = out / rel
        if rel not in pages and ".." not in Path(rel).parts and path.is_file():
            try:
                if _sha(path.read_bytes()) == rec.get("sha256"):  # a page edited by hand since is left alone
                    path.unlink()
                    removed += 1
            except OSError:
                pass
    record = {"schema": SCHEMA, "inputs": inputs,
              "pages": {rel: {"sha256": _sha(data)} for rel, data in sorted(pages.items())}}
    write_file_atomic(out / MANIFEST, (json.dumps(record, sort_keys=True, indent=1) + "\n").encode("utf-8"))
    return SiteResult(out, rewritten, unchanged, removed)
