"""What `verify` checks in an archive beyond git fsck: the layout of reports/ and sources/, and each
edition's source hash, its files against the commit its tag marks, and its XML."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from ..model.errors import ArchiveError, PolicydiffError
from . import gitstore
from .records import EXT_RE, StoredEdition, name_problem, stem

CheckXML = Callable[[bytes], list[str]]
CheckSource = Callable[[StoredEdition, bytes, bytes], list[str]]


@dataclass(frozen=True)
class Problem:
    path: str
    message: str


def untrusting(check_source: CheckSource) -> CheckSource:
    """CHECK_SOURCE made independent of the parser version an edition records: that field (in the tag
    and in the XML) is as easy to edit by hand as the XML, so it may only word the message, never skip
    the re-parse. CHECK_SOURCE sees the edition with the parser that runs now; when the XML then
    differs and both records name the same older parser, the message says it is a parser upgrade."""
    from dataclasses import replace

    from ..readers.parse_text import PARSER_VERSION

    def check(ed: StoredEdition, xml: bytes, source: bytes) -> list[str]:
        messages = check_source(replace(ed, parser=PARSER_VERSION), xml, source)
        in_xml = _xml_parser(xml)
        if not messages or (ed.parser, in_xml) == (PARSER_VERSION, PARSER_VERSION):
            return messages
        if ed.parser == in_xml:
            return [f"made by parser {ed.parser}; this is parser {PARSER_VERSION}, which makes different XML "
                    f"of {ed.source_path}: run policydiff reparse (if no parser was upgraded, it was edited by hand)"]
        return [f"{msg} (its tag records parser {ed.parser or '(none)'}, its XML says parser {in_xml or '(none)'})"
                for msg in messages]

    return check


def _xml_parser(xml: bytes) -> str | None:
    from ..xml import parse_xml

    try:
        return parse_xml(xml).get("parser")
    except PolicydiffError:
        return None


def check_links(paths: list[str]) -> list[Problem]:
    """A committed link could lead a write, or a reader following it, out of the archive."""
    return [Problem(p, "symbolic link (or submodule) committed in the archive: policydiff never follows it; "
                       f"remove it with git rm {p}") for p in paths]


def check_layout(files: dict[str, str], tags: dict[str, StoredEdition], links: frozenset[str] = frozenset()
                 ) -> list[Problem]:
    problems: list[Problem] = []
    reports: set[str] = set()
    sources: dict[str, list[str]] = {}
    for path in files:
        parts = path.split("/")
        if path in links:
            continue
        if path == "README.txt":
            continue
        if (len(parts) == 3 and parts[0] == "reviews" and not name_problem(parts[1]) and path.endswith(".json")
                and all(not name_problem(x) for x in stem(path).split("..", 1)) and ".." in stem(path)):
            continue  # reviews/<document>/<old>..<new>.json: the auditor's record of a pair
        if len(parts) == 3 and not name_problem(parts[1]) and not name_problem(stem(path)):
            if parts[0] == "reports" and path.endswith(".xml"):
                reports.add(f"{parts[1]}/{stem(path)}")
                continue
            if parts[0] == "sources" and EXT_RE.fullmatch(PurePosixPath(path).suffix.lstrip(".")):
                sources.setdefault(f"{parts[1]}/{stem(path)}", []).append(path)
                continue
        problems.append(Problem(path, "stray file: not part of the archive layout"))
    for name in sorted(reports):
        if name not in sources:
            problems.append(Problem(f"reports/{name}.xml", f"missing source: no sources/{name}.<ext>"))
        if name not in tags:
            problems.append(Problem(f"reports/{name}.xml", f"missing tag {name}"))
    for name, paths in sorted(sources.items()):
        if name not in reports:
            problems += [Problem(p, f"stray source: no reports/{name}.xml") for p in paths]
        if len(paths) > 1:
            problems.append(Problem(paths[0], f"more than one source for {name}: {', '.join(paths)}"))
    problems += [Problem(f"tag {n}", f"tag without reports/{n}.xml") for n in sorted(tags) if n not in reports]
    return problems


def check_edition(repo: Any, root: Path, ed: StoredEdition, files: dict[str, str], check_xml: CheckXML,
                  check_source: CheckSource | None = None) -> list[Problem]:
    if ed.xml_path not in files or ed.source_path not in files:
        return []  # already reported by check_layout
    try:
        problems = _edition_problems(repo, root, ed, files, check_xml)
        if check_source is not None and not problems:
            xml, source = gitstore.blob(repo, root, files[ed.xml_path]), gitstore.blob(repo, root, files[ed.source_path])
            problems = [Problem(ed.xml_path, msg) for msg in check_source(ed, xml, source)]
        return problems
    except ArchiveError as exc:  # a corrupt object: name the edition, keep checking the others
        return [Problem(ed.xml_path, gitstore.one_line(exc))]


def _edition_problems(repo: Any, root: Path, ed: StoredEdition, files: dict[str, str],
                      check_xml: CheckXML) -> list[Problem]:
    problems = []
    actual = hashlib.sha256(gitstore.blob(repo, root, files[ed.source_path])).hexdigest()
    if actual != ed.sha256:
        problems.append(Problem(ed.source_path, f"sha256 {actual[:12]} does not match the recorded "
                                                f"{ed.sha256[:12] or '(none)'} of tag {ed.tag}"))
    tagged = gitstore.tree(repo, ed.commit, ed.xml_path, ed.source_path)
    for path in (ed.xml_path, ed.source_path):
        if tagged.get(path) != files[path]:
            problems.append(Problem(path, f"changed after commit {ed.commit[:12]} that tag {ed.tag} marks"))
    try:
        messages = check_xml(gitstore.blob(repo, root, files[ed.xml_path]))
    except PolicydiffError as exc:
        messages = [gitstore.one_line(exc)]
    problems += [Problem(ed.xml_path, msg) for msg in messages]
    return problems
