"""Normalized edition XML: deterministic output, hardened input, RELAX NG validation.

The same Edition always serializes to the same bytes (fixed attribute order, two-space
indentation, UTF-8, final newline), so git diffs of the archive show only real changes.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from urllib.parse import quote, unquote

from lxml import etree

from .model.edition import (
    Budget,
    Bullet,
    Edition,
    Goal,
    Measure,
    Ministry,
    Note,
    ParseWarning,
    Source,
    Succession,
    Vision,
)
from .model.errors import EditionXMLError
from .model.normalize import normalize

FORMAT_VERSION = "2"  # 2: a measure's office (「担当」) and PDF boxes (bbox); format-1 files still read
MAX_XML_BYTES = 64 * 1024 * 1024
MAX_DIGITS = 40  # every number in the XML (edition.rng says the same): 30 digits of oku yen (budgets.py) fit


def _b(value: bool) -> str:
    return "true" if value else "false"


def _sub(parent: etree._Element, tag: str, content: str | None = None, **attrs: str) -> etree._Element:
    """A child element; attribute names given as python_names become xml-names."""
    el = etree.SubElement(parent, tag)
    for key, value in attrs.items():
        el.set(key.replace("_", "-"), value)
    if content:
        el.text = content
    return el


def _text(parent: etree._Element, tag: str, content: str) -> etree._Element:
    """Original text, with its comparison form in `norm` where that differs."""
    el = _sub(parent, tag)
    if normalize(content) != content:
        el.set("norm", normalize(content))
    if content:
        el.text = content
    return el


# Characters XML 1.0 cannot hold (C0 controls but tab/LF/CR, U+FFFE/U+FFFF, lone surrogates): a file
# name with one (ESC, U+FFFF) was exit 3 in ingest and show --format xml.
XML_ILLEGAL_RE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_safe(text: str) -> str:
    return XML_ILLEGAL_RE.sub("\ufffd", text)


def _where(obj: object) -> dict[str, str]:
    where = {"page": str(obj.page), "line": str(obj.line)}  # type: ignore[attr-defined]
    box = getattr(obj, "bbox", None)
    if box is not None:
        where["bbox"] = " ".join(f"{v:.1f}" for v in box)
    return where


def _box(value: str | None) -> tuple[float, float, float, float] | None:
    """'25.5 34.1 302.2 80.0' → a PDF cell's box (x0, top, x1, bottom) in points."""
    if value is None:
        return None
    x0, top, x1, bottom = (float(v) for v in value.split())
    return (x0, top, x1, bottom)


def edition_to_xml(ed: Edition) -> bytes:
    root = etree.Element("edition")
    for key, value in (("format", FORMAT_VERSION), ("document", ed.document), ("edition", ed.edition),
                       ("results-fy", str(ed.results_fy)), ("plans-fy", str(ed.plans_fy)),
                       ("parser", ed.parser_version), ("synthetic", _b(ed.synthetic))):
        root.set(key, value)
    s = ed.source
    src = _sub(root, "source", name=_xml_safe(s.name), sha256=s.sha256, encoding=s.encoding, format=s.format,
               size=str(s.size))
    if _xml_safe(s.name) != s.name:
        src.set("name-escaped", quote(s.name, safe="", errors="surrogateescape"))
    _sub(root, "labels", results=ed.results_label, plans=ed.plans_label)
    if ed.synthetic_note:
        _sub(root, "synthetic-note", ed.synthetic_note)
    visions = _sub(root, "visions")
    for v in ed.visions:
        el = _sub(visions, "vision", number=str(v.number), **_where(v))
        _text(el, "title", v.title)
    goals = _sub(root, "goals")
    for g in ed.goals:
        el = _sub(goals, "goal", id=g.id, vision=str(g.vision), reposted=_b(g.reposted),
                  see_above=_b(g.see_above), **_where(g))
        _text(el, "title", g.title)
        for n in g.notes:
            nel = _sub(el, "note", **_where(n))
            _text(nel, "title", n.title)
            _text(nel, "text", n.text)
    measures = _sub(root, "measures")
    for m in ed.measures:
        _measure_el(measures, m)
    warnings = _sub(root, "warnings")
    for w in ed.warnings:
        _sub(warnings, "warning", w.message, code=w.code, **_where(w), **({"measure": w.measure} if w.measure else {}))
    etree.indent(root, space="  ")
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"
    if len(data) > MAX_XML_BYTES:  # the archive could store it but never read it back (parse_xml)
        raise EditionXMLError(f"the edition's XML would be {len(data):,} bytes; the limit is {MAX_XML_BYTES:,}")
    return data


def _measure_el(parent: etree._Element, m: Measure) -> None:
    el = _sub(parent, "measure", id=m.id, vision=str(m.vision), goal=m.goal, reposted=_b(m.reposted),
              first_line_lost=_b(m.first_line_lost), **_where(m))
    _text(el, "title", m.title)
    _sub(el, "first-line", m.first_line)
    _text(el, "description", m.description)
    mins = _sub(el, "ministries", text=m.ministries_text)
    for x in m.ministries:
        _sub(mins, "ministry", code=x.code, lead=_b(x.lead))
    if m.office:
        _text(el, "office", m.office)
    for column, bullets in (("results", m.results), ("plans", m.plans)):
        col = _sub(el, column)
        for b in bullets:
            _bullet_el(col, b)


def _bullet_el(parent: etree._Element, b: Bullet) -> None:
    el = _sub(parent, "bullet", **_where(b), end_line=str(b.end_line))
    _text(el, "text", b.text)
    for p in b.programs:
        _sub(el, "program", p)
    for bud in b.budgets:
        attrs = {}
        if bud.fiscal_year is not None:
            attrs["fiscal_year"] = str(bud.fiscal_year)
        attrs["era"] = bud.era
        attrs["kind"] = bud.kind
        if bud.yen is not None:
            attrs["yen"] = str(bud.yen)
        attrs["part_of"] = _b(bud.part_of)
        if bud.program is not None:
            attrs["program"] = bud.program
        _sub(el, "budget", bud.text, **attrs, **_where(bud))
    for s in b.successions:
        _sub(el, "succession", s.evidence, old=s.old, new=s.new, **_where(s))


# ---- reading -------------------------------------------------------------------------------


def _parser() -> etree.XMLParser:
    """No entities, no DTD, no network, no huge trees: archive files may have been tampered with."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_blank_text=True)


@cache
def _schema() -> etree.RelaxNG:
    data = resources.files(__package__).joinpath("edition.rng").read_bytes()
    return etree.RelaxNG(etree.fromstring(data, _parser()))


def parse_xml(data: bytes) -> etree._Element:
    if len(data) > MAX_XML_BYTES:
        raise EditionXMLError(f"XML is {len(data):,} bytes; the limit is {MAX_XML_BYTES:,}")
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise EditionXMLError("XML with a DOCTYPE or entity declarations is refused")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise EditionXMLError(f"malformed XML: {exc.msg} (line {exc.lineno})") from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:  # a DOCTYPE in another encoding (UTF-16)
        raise EditionXMLError("XML with a DOCTYPE or entity declarations is refused")
    return root


def validation_problems(data: bytes) -> list[str]:
    """Schema problems of an XML document ([] when valid); malformed or hostile XML is one problem."""
    try:
        root = parse_xml(data)
    except EditionXMLError as exc:
        return [str(exc)]
    schema = _schema()
    if schema.validate(root):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log][:20]


def edition_from_xml(data: bytes) -> Edition:
    problems = validation_problems(data)
    if problems:
        raise EditionXMLError("XML is not a valid policydiff edition: " + problems[0])
    root = parse_xml(data)
    try:
        return _edition(root)
    except (ValueError, KeyError, StopIteration) as exc:  # schema-valid but inconsistent (e.g. bad ids)
        raise EditionXMLError(f"XML edition is inconsistent: {exc}") from None


def _t(el: etree._Element | None) -> str:
    return (el.text or "") if el is not None else ""


def _bool(value: str | None) -> bool:
    return value in ("true", "1")


def _int(el: etree._Element, key: str) -> int:
    return _number(el.get(key), key)


def _number(value: str | None, key: str) -> int:
    """A bounded int: the schema bounds numbers too, but the reader must not depend on it (a 400-digit
    yen was an OverflowError, exit 3, in show, diff and plans)."""
    if value is None:
        raise KeyError(key)
    digits = value.strip().lstrip("+-")
    if not digits.isascii() or not digits.isdigit() or len(digits.lstrip("0")) > MAX_DIGITS:
        raise EditionXMLError(f"XML number {key}={value[:24]!r} is out of range (at most {MAX_DIGITS} digits)")
    return int(value)


def _edition(root: etree._Element) -> Edition:
    src = root.find("source")
    labels = root.find("labels")
    return Edition(
        document=root.get("document"),
        edition=root.get("edition"),
        results_fy=_int(root, "results-fy"),
        plans_fy=_int(root, "plans-fy"),
        results_label=labels.get("results"),
        plans_label=labels.get("plans"),
        source=Source(_source_name(src), src.get("sha256"), src.get("encoding"), src.get("format"),
                      _int(src, "size")),
        parser_version=root.get("parser"),
        synthetic=_bool(root.get("synthetic")),
        synthetic_note=_t(root.find("synthetic-note")),
        visions=tuple(Vision(_int(v, "number"), _t(v.find("title")), _int(v, "page"), _int(v, "line"))
                      for v in root.find("visions")),
        goals=tuple(_goal(g) for g in root.find("goals")),
        measures=tuple(_measure(m) for m in root.find("measures")),
        warnings=tuple(ParseWarning(w.get("code"), _t(w), _int(w, "page"), _int(w, "line"), w.get("measure", ""))
                       for w in root.find("warnings")),
    )


def _source_name(src: etree._Element) -> str:
    """The real file name: `name-escaped` (percent-encoded UTF-8) when it has characters XML cannot hold."""
    escaped = src.get("name-escaped")
    return src.get("name") if escaped is None else unquote(escaped, errors="surrogateescape")


def _goal(g: etree._Element) -> Goal:
    notes = tuple(Note(_t(n.find("title")), _t(n.find("text")), _int(n, "page"), _int(n, "line"))
                  for n in g.findall("note"))
    return Goal(g.get("id"), _int(g, "vision"), _t(g.find("title")), _bool(g.get("reposted")),
                _bool(g.get("see-above")), _int(g, "page"), _int(g, "line"), notes)


def _measure(m: etree._Element) -> Measure:
    mins = m.find("ministries")
    return Measure(
        id=m.get("id"),
        vision=_int(m, "vision"),
        goal=m.get("goal"),
        title=_t(m.find("title")),
        description=_t(m.find("description")),
        ministries=tuple(Ministry(x.get("code"), _bool(x.get("lead"))) for x in mins),
        ministries_text=mins.get("text"),
        results=tuple(_bullet(b) for b in m.find("results")),
        plans=tuple(_bullet(b) for b in m.find("plans")),
        reposted=_bool(m.get("reposted")),
        first_line_lost=_bool(m.get("first-line-lost")),
        page=_int(m, "page"),
        line=_int(m, "line"),
        first_line=_t(m.find("first-line")),
        office=_t(m.find("office")),
        bbox=_box(m.get("bbox")),
    )


def _bullet(b: etree._Element) -> Bullet:
    budgets = tuple(
        Budget(
            text=_t(x),
            fiscal_year=_int(x, "fiscal-year") if x.get("fiscal-year") is not None else None,
            era=x.get("era"),
            kind=x.get("kind"),  # type: ignore[arg-type]
            yen=_int(x, "yen") if x.get("yen") is not None else None,
            part_of=_bool(x.get("part-of")),
            program=x.get("program"),
            page=_int(x, "page"),
            line=_int(x, "line"),
        )
        for x in b.findall("budget")
    )
    successions = tuple(Succession(x.get("old"), x.get("new"), _t(x), _int(x, "page"), _int(x, "line"))
                        for x in b.findall("succession"))
    return Bullet(_t(b.find("text")), _int(b, "page"), _int(b, "line"), _int(b, "end-line"),
                  tuple(_t(p) for p in b.findall("program")), budgets, successions, _box(b.get("bbox")))
