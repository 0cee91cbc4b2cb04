"""The library API: everything the `policydiff` command does, callable from Python.

    import policydiff as p
    d = p.diff("old.txt", "new.txt")        # files, or editions in the archive ("fy2024")
    print(p.render(d, "markdown"))

An edition is named by a path to a report file (.xml: normalized XML, else report text) or by a
name in the archive (DOCUMENT/EDITION or a unique label). The archive is the `archive` argument,
else $POLICYDIFF_ARCHIVE, else ./policydiff-archive, as for the command. Refused input and archive
trouble raise PolicydiffError (or a subclass) with a one-line message; nothing here prints.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from dataclasses import replace as replace_field  # ingest() has a parameter named replace
from pathlib import Path
from typing import TYPE_CHECKING

from .diffengine.diff import FAIL_KINDS, Diff  # FAIL_KINDS: what --fail-on accepts (Diff.has_changes)
from .diffengine.engine import diff_editions as _diff_editions
from .diffengine.ids import is_ledger_id
from .diffengine.model import Options
from .diffengine.review import (
    Mark,
    Sheet,
    check_ledger_links,
    check_marks,
    check_measure_links,
    overrides_of,
    sheet,
)
from .diffengine.selection import (
    MARK_FILTERS,
    STATUS_FILTERS,
    select,
    select_marks,
    suggestion,
    unknown_filters,
)
from .renderers import REPORTS, VIEWS, register, render_edition
from .renderers import render as _render
from .renderers.archive_views import render_lineage as _render_lineage
from .renderers.archive_views import render_list as _render_list
from .renderers.escaping import json_text, one_line
from .renderers.options import ReportOptions
from .renderers.review_sheet import summary
from .versions.archive.files import write_file_atomic
from .versions.archive.reviews import (
    MARK_STATES,
    REVIEWER_ENV,
    Review,
    StoredLink,
    StoredMark,
    archived_pair,
    load_review,
    moment,
    now,
    read_marks_file,
    review_problems,
    reviewer,
    set_aside_invalid,
    update_review,
    with_links,
    with_marks,
)
from .versions.archive.store import Archive, StoredEdition, check_name
from .versions.model.edition import Edition
from .versions.model.errors import PolicydiffError
from .versions.readers.load import load_archived, load_edition, parse_report, read_input

if TYPE_CHECKING:  # the PDF reader's modules load when a PDF is read, not with every command
    from .versions.readers.pdf_cells import Progress

__version__ = "0.1.0"
DEFAULT_ARCHIVE = "policydiff-archive"
ARCHIVE_ENV = "POLICYDIFF_ARCHIVE"
SYNTHETIC_SUFFIX = "-synthetic"  # the label of a synthetic edition ends so (fy2024-synthetic)
OUTCOME_FILTERS = ("done", "partial", "reworked", "unclear", "dropped", "stated-end")  # what --outcome accepts: ledger outcomes
RELATIONS = ("next-year", "revision", "other")  # what --relation accepts
CSV_TABLES = ("budgets", "follow-through", "events")  # what --table accepts
TIMELINE_PARTS = ("measures", "programs", "follow-through")  # what timeline --part accepts

__all__ = [
    "__version__", "ARCHIVE_ENV", "CSV_TABLES", "DEFAULT_ARCHIVE", "FAIL_KINDS", "MARK_FILTERS", "MARK_STATES", "Mark",
    "OUTCOME_FILTERS", "TIMELINE_PARTS",
    "RELATIONS", "REVIEWER_ENV", "STATUS_FILTERS", "Diff", "Ingested", "Options", "ReportOptions", "Synthetic",
    "Verified", "diff", "editions", "generated_at", "ingest", "json_text", "lineage", "marks_for", "one_line",
    "open_archive", "open_edition", "pair", "plans", "register", "render", "render_edition", "render_lineage",
    "render_list", "render_review",
    "repair", "reparse", "report_formats", "review", "review_records", "select", "select_marks", "suggestion",
    "synth", "synthetic_editions", "unknown_filters", "filter_problem", "verify", "view_formats", "write_output",
    "Chain", "TIMELINE_PARTS", "chains", "timeline", "render_timeline", "site", "export", "textconv",
]


def open_archive(archive: str | Path | None = None) -> Archive:
    """The archive at ARCHIVE, else $POLICYDIFF_ARCHIVE, else ./policydiff-archive (made on first ingest)."""
    from .versions.readers.parse_text import PARSER_VERSION

    # Every edition read through the API is first checked against its source (versions/archive/trust.py).
    return Archive(Path(archive if archive is not None else os.environ.get(ARCHIVE_ENV) or DEFAULT_ARCHIVE),
                   rebuild=_rebuilt_xml, parser=PARSER_VERSION)


def _existing_archive(archive: str | Path | None) -> Archive:
    store = open_archive(archive)
    if not store.exists():
        raise PolicydiffError(f"no archive at {store.path}")
    return store


def _open(ref: str | Path | Edition, archive: str | Path | None, progress: Progress | None = None
          ) -> tuple[Edition, tuple[tuple[str, str], ...]]:
    """An edition and where it came from: an Edition as given, an existing file, else a name in the archive.
    PROGRESS(page, pages) is called as a PDF's pages are read."""
    if isinstance(ref, Edition):
        return ref, ()
    store = open_archive(archive)
    if os.path.exists(ref):
        _refuse_ambiguous(str(ref), store)
        return load_edition(Path(ref), progress=progress), (("file", str(Path(ref))),)
    try:
        stored = store.resolve(str(ref))
    except PolicydiffError:
        if _looks_like_file(str(ref)):
            raise PolicydiffError(f"no such file: {ref}") from None
        raise
    return load_archived(store, stored), (("archive", str(store.path)), ("archive_commit", stored.commit),
                                          ("archive_name", stored.name))


def _explicit_path(ref: str) -> bool:
    return ref.startswith(("/", "./", "../", "~")) or os.sep != "/" and ref.startswith(("." + os.sep, os.sep))


def _refuse_ambiguous(ref: str, store: Archive) -> None:
    """A file named like an archived edition (`fy2024` in the working directory) would silently take
    its place: refused, naming both ways to say which (./fy2024 is always the file)."""
    if _explicit_path(ref) or not store.exists():
        return
    try:
        stored = store.resolve(ref)
    except PolicydiffError:
        return  # not an edition's name: the file it is
    raise PolicydiffError(f"{ref!r} is both a file here and the archived edition {stored.name}: write "
                          f"./{ref} for the file or {stored.name} for the edition")


# What names a file rather than an edition label: a report's extension or a path's first characters.
FILE_SUFFIXES = (".txt", ".text", ".xml", ".pdf", ".csv", ".tsv")


def _looks_like_file(ref: str) -> bool:
    """`diff old.txt missing.txt` means a file: 'no edition missing.txt' sent the user to the archive."""
    return ref.lower().endswith(FILE_SUFFIXES) or ref.startswith(("/", ".", "~")) or "\\" in ref or ref.count("/") > 1


def open_edition(ref: str | Path, archive: str | Path | None = None, progress: Progress | None = None) -> Edition:
    """The edition REF names: a report file (.xml, .pdf or text) if one exists at that path, else an archived
    edition."""
    return _open(ref, archive, progress)[0]


def diff(old: str | Path | Edition, new: str | Path | Edition, archive: str | Path | None = None,
         options: Options | None = None, progress: Progress | None = None) -> Diff:
    """What changed from edition OLD to edition NEW (each a path, an archived name or an Edition)."""
    from .diffengine.engine import diff_editions

    (old_ed, old_origin), (new_ed, new_origin) = _open(old, archive, progress), _open(new, archive, progress)
    names = dict(old_origin).get("archive_name"), dict(new_origin).get("archive_name")
    if names[0] and names[1] and old_ed.document == new_ed.document:
        # Two archived editions: the auditor's recorded pairings apply (`policydiff pair`).
        store = open_archive(archive)
        found = pair_diff(store, store.resolve(names[0]), store.resolve(names[1]), options)
    else:
        found = diff_editions(old_ed, new_ed, options)
    return replace(found, old=replace(found.old, origin=old_origin), new=replace(found.new, origin=new_origin))


def plans(edition: str | Path | Edition, archive: str | Path | None = None, options: Options | None = None,
          progress: Progress | None = None) -> Diff:
    """What one edition reports as done (results, FY N) against what it plans (FY N+1)."""
    from .diffengine.plans import results_vs_plans

    ed, origin = _open(edition, archive, progress)
    found = results_vs_plans(ed, options)
    return replace(found, old=replace(found.old, origin=origin), new=replace(found.new, origin=origin))


def pair(old: str, new: str, archive: str | Path | None = None, links: list[tuple[str, str]] = (),  # type: ignore[assignment]
         unlinks: list[str] = (), by: str | None = None, options: Options | None = None):  # type: ignore[assignment]
    """Record the auditor's pairings of two archived editions (OLD_ID=NEW_ID links, unlinked OLD_IDs:
    measures m004=m005, or a follow-through entry and an unplanned result ft-…=un-…); every later diff
    of that pair applies them. Returns a Paired."""
    return record_pair(_existing_archive(archive), old, new, list(links), list(unlinks), by, options)


def review(old: str, new: str, archive: str | Path | None = None, marks: list[tuple[str, str, str]] = (),  # type: ignore[assignment]
           import_file: str | Path | None = None, by: str | None = None, options: Options | None = None):
    """The sign-off sheet of two archived editions (a renderers.review_sheet.Sheet), after recording MARKS
    ((change id, accepted|query|rejected, note)) and those of IMPORT_FILE in the archive."""
    found = list(marks) + (read_marks_file(Path(import_file)) if import_file is not None else [])
    return review_pair(_existing_archive(archive), old, new, found, by, options)


def render_review(sheet, fmt: str) -> str:
    """The sign-off sheet as text, json (policydiff/review/1) or csv."""
    from .renderers.review_sheet import render_review_sheet

    return render_review_sheet(sheet, fmt)


def marks_for(old: str | Path | Edition, new: str | Path | Edition, archive: str | Path | None = None
              ) -> tuple[Mark, ...]:
    """The review marks of two archived editions of one document; none for files."""
    from .versions.archive.reviews import load_review

    if any(isinstance(ref, Edition) or os.path.exists(ref) for ref in (old, new)):
        return ()
    store = open_archive(archive)
    if not store.exists():
        return ()
    a, b = store.resolve(str(old)), store.resolve(str(new))
    if a.document != b.document:
        return ()
    return tuple(_mark(m) for m in load_review(store, a, b).marks)


def _mark(m: StoredMark) -> Mark:
    return Mark(m.id, m.mark, m.note, m.by, m.at)


def review_records(archive: str | Path | None = None) -> list[str]:
    """One line per pair the auditor reviewed: links and marks stored, for `verify`."""
    from .versions.archive.reviews import from_json

    store = open_archive(archive)
    out = []
    invalid = {path for path, _ in review_problems(store)}  # verify lists them as problems
    for path in store.files("reviews/"):
        if path in invalid or not path.endswith(".json"):
            continue
        rec = from_json(store.read_file(path) or b"", path)
        ledger = sum(is_ledger_id(x.old) for x in rec.links)
        out.append(f"review {rec.document}/{rec.old}..{rec.new}: {len(rec.links)} link(s), {len(rec.marks)} mark(s)"
                   + (f" ({ledger} of the links on the follow-through ledger)" if ledger else ""))
    return out


def editions(archive: str | Path | None = None) -> list[StoredEdition]:
    """The editions stored in the archive, oldest first; none if there is no archive yet (a directory that
    holds something else is refused: Store.editions)."""
    return open_archive(archive).editions()


def synthetic_editions(archive: str | Path | None = None) -> frozenset[str]:
    """The names (DOCUMENT/EDITION) of the archived editions that are SYNTHETIC, read from their XML:
    the label alone proves nothing (an archive made before ingest added the -synthetic suffix)."""
    store = open_archive(archive)
    return frozenset(e.name for e in editions(archive) if load_archived(store, e).synthetic)


def lineage(document: str | None = None, archive: str | Path | None = None) -> dict[str, list[list[str]]]:
    """Per document: program lineages (A → B → C) across its archived editions, oldest first.
    synthetic_editions() says which of them are synthetic: a lineage drawn from one is no real history."""
    from .diffengine.lineage import program_lineage

    store = open_archive(archive)
    stored = [e for e in editions(archive) if document in (None, e.document)]
    if not stored:
        raise PolicydiffError(f"no editions{' of ' + document if document else ''} in {store.path}")
    return {doc: program_lineage([load_archived(store, e) for e in stored if e.document == doc])
            for doc in sorted({e.document for e in stored})}


def filter_problem(statuses: Iterable[str] = (), outcomes: Iterable[str] = (), marks: Iterable[str] = ()
                   ) -> tuple[str, str] | None:
    """(option, message) for the first filter value no report knows, with the closest known one."""
    for option, what, values, known in (("--mark", "mark", marks, MARK_FILTERS),
                                        ("--status", "status", statuses, STATUS_FILTERS),
                                        ("--outcome", "outcome", outcomes, OUTCOME_FILTERS)):
        for value in values:
            if value not in known:
                return option, f"no {what} {value!r}{suggestion(value, known)} (choose from {','.join(known)})"
    return None


def render(diff: Diff, fmt: str, options: ReportOptions | None = None) -> str:
    """DIFF as a report in format FMT (report_formats()); an HTML report names this version of policydiff."""
    options = options or ReportOptions()
    return _render(diff, fmt, options if options.version else replace(options, version=__version__))


def render_list(archive: str | Path | None = None, fmt: str = "text") -> str:
    """The archive's editions as `list` prints them, synthetic ones marked ("" in text when none)."""
    found = editions(archive)
    return _render_list(found, synthetic_editions(archive) if found else (), fmt)


def render_lineage(document: str | None = None, archive: str | Path | None = None, fmt: str = "text") -> str:
    """The program lineages as `lineage` prints them, naming the synthetic editions drawn on."""
    return _render_lineage(lineage(document, archive), synthetic_editions(archive), fmt)


@dataclass(frozen=True)
class Ingested:
    status: str  # "added", "replaced", or "unchanged" (the same source was already stored)
    edition: Edition
    commit: str
    asked_label: str | None = None  # a real-looking --edition given for a SYNTHETIC source, stored suffixed


def ingest(file: str | Path, archive: str | Path | None = None, document: str | None = None,
           edition: str | None = None, replace: bool = False, progress: Progress | None = None) -> Ingested:
    """Parse a report FILE (text or PDF) into normalized XML and store it, with its source, in the archive."""
    from .versions.xml import edition_to_xml

    if document:
        check_name(document, "document id")
    if edition:
        check_name(edition, "edition label")
    path = Path(file)
    data = read_input(path)
    ed = parse_report(data, source_name=path.name, document=document, edition=edition, progress=progress)
    asked = None
    if ed.synthetic and not ed.edition.endswith(SYNTHETIC_SUFFIX):
        # An invented edition never takes a real year's label: fy2025 becomes fy2025-synthetic.
        asked, ed = ed.edition, replace_field(ed, edition=check_name(ed.edition + SYNTHETIC_SUFFIX, "edition label"))
    result = open_archive(archive).ingest(ed.document, ed.edition, edition_to_xml(ed), data, path.name,
                                          ed.parser_version, ed.counts(), replace=replace)
    return Ingested(result.status, ed, result.edition.commit, asked)


def _rebuilt_xml(stored: StoredEdition, source: bytes) -> bytes:
    """What this parser makes of an archived edition's source, under its archived names."""
    from .versions.xml import edition_to_xml

    return edition_to_xml(parse_report(source, source_name=stored.source_name, document=stored.document,
                                       edition=stored.edition))


@dataclass(frozen=True)
class Verified:
    path: Path
    editions: int
    problems: tuple[tuple[str, str], ...]  # (path in the archive, what is wrong)


def verify(archive: str | Path | None = None) -> Verified:
    """Check the archive: schema-valid XML, source sha256, git fsck, and XML as this parser makes it."""
    from .versions.readers.parse_text import PARSER_VERSION
    from .versions.xml import validation_problems

    def against_source(stored: StoredEdition, xml: bytes, source: bytes) -> list[str]:
        # A schema-valid hand edit under a tag moved by hand passes every other check.
        if _rebuilt_xml(stored, source) == xml:
            return []
        return [f"differs from what parser {PARSER_VERSION} makes of {stored.source_path} (edited by hand?); "
                "policydiff reparse rebuilds it from the source"]

    store = _existing_archive(archive)
    problems = [(str(p.path), p.message) for p in store.verify(validation_problems, against_source)]
    problems += review_problems(store)
    return Verified(store.path, len(store.editions()), tuple(problems))


def reparse(archive: str | Path | None = None) -> list[str]:
    """Rebuild every edition's XML from its stored source with this parser (one commit); the names changed."""
    from .versions.readers.parse_text import PARSER_VERSION

    return _existing_archive(archive).reparse(_rebuilt_xml, PARSER_VERSION)


def repair(archive: str | Path | None = None) -> list[str]:
    """Recover the archive after an interrupted write (stale git locks, leftovers, a missing tag, HEAD off
    main); returns what was done, one line each."""
    from .versions.archive.store import repair as repair_archive

    store = open_archive(archive)
    done = repair_archive(store)  # works before the archive exists: a killed first ingest
    return done + (set_aside_invalid(store) if store.exists() else [])


@dataclass(frozen=True)
class Synthetic:
    text: str  # the SYNTHETIC edition's report text; its first line marks it synthetic
    truth: str  # the ground truth: the known edits, as JSON


def synth(file: str | Path, seed: int = 2025, edits: int = 12) -> Synthetic:
    """A SYNTHETIC next edition of the report FILE, made by applying EDITS known edits (for tests, demos)."""
    from .versions.readers.decode import decode_report
    from .versions.synthetic import make_synthetic

    text, _, _ = decode_report(read_input(Path(file)))
    made = make_synthetic(text, seed=seed, n_edits=edits)
    return Synthetic(made.text, json.dumps(made.truth.to_dict(), ensure_ascii=False, sort_keys=True, indent=2) + "\n")


def report_formats() -> tuple[str, ...]:
    """The formats `render` knows, built-in and registered."""
    return tuple(REPORTS)


def view_formats() -> tuple[str, ...]:
    """The formats `render_edition` knows."""
    return tuple(VIEWS)


def generated_at() -> str:
    """Now, or SOURCE_DATE_EPOCH for reproducible builds, as a report prints it (the clock that dates
    the auditor's marks and pairings: versions/archive/reviews.moment)."""
    return moment().strftime("%Y-%m-%d %H:%M UTC")


def write_output(path: str | Path, text: str) -> None:
    """Write TEXT to PATH as UTF-8, atomically: a reader never sees half a report."""
    write_file_atomic(Path(path), text.encode("utf-8"))


# Every edition at once (issue 20): the timeline, the static site, the SQLite export, git's textconv.


@dataclass(frozen=True)
class Chain:
    """One document's archived editions in fiscal order and the diff of each consecutive pair."""

    document: str
    stored: tuple[StoredEdition, ...]
    editions: tuple[Edition, ...]
    diffs: tuple[Diff, ...]


def chains(document: str | None = None, archive: str | Path | None = None, options: Options | None = None,
           progress=None) -> list[Chain]:
    """Per document (or DOCUMENT alone): its editions and pairwise diffs (the auditor's pairings applied).
    PROGRESS(done, total) is called as the pairs are compared."""
    from .diffengine.timeline import fiscal_order

    store = _existing_archive(archive)
    stored = {e.name: e for e in store.editions()}
    documents = sorted({e.document for e in stored.values()})
    if document is not None and document not in documents:
        raise PolicydiffError(f"no document {document!r} in {store.path}{suggestion(document, documents)}")
    if not documents:
        raise PolicydiffError(f"no editions in {store.path} yet; add one with: policydiff ingest FILE")
    loaded = {doc: fiscal_order(load_archived(store, e) for e in stored.values() if e.document == doc)
              for doc in documents if document in (None, doc)}
    total, done, out = sum(len(eds) - 1 for eds in loaded.values()), 0, []
    for doc, eds in loaded.items():
        pairs = [stored[e.name] for e in eds]
        diffs = []
        for a, b in zip(pairs, pairs[1:], strict=False):
            diffs.append(pair_diff(store, a, b, options))
            done += 1
            if progress:
                progress(done, total)
        out.append(Chain(doc, tuple(pairs), tuple(eds), tuple(diffs)))
    return out


def timeline(document: str | None = None, archive: str | Path | None = None, options: Options | None = None,
             progress=None) -> list:
    """One Timeline (diffengine/timeline_model.py) per document of the archive, or of DOCUMENT alone."""
    from .diffengine.timeline import build_timeline

    return [build_timeline(c.editions, c.diffs) for c in chains(document, archive, options, progress)]


def render_timeline(timelines, fmt: str = "text", parts: Iterable[str] = ()) -> str:
    """Timelines as text, json (policydiff/timeline/1), csv (one --part) or html."""
    from .renderers.timeline_formats import render_timeline as _render_timeline

    return _render_timeline(timelines, fmt, parts, __version__)


def site(out_dir: str | Path, archive: str | Path | None = None, progress=None):
    """Write the static site of the whole archive to OUT_DIR, rewriting only pages that changed (a SiteResult)."""
    from .renderers.site import write_site

    store = _existing_archive(archive)

    def report(chain: Chain, k: int) -> str:  # as `diff --format html` writes it, with the pair's review marks
        marks = marks_for(chain.stored[k].name, chain.stored[k + 1].name, archive)
        return render(chain.diffs[k], "html", ReportOptions(marks=marks))

    return write_site(Path(out_dir), store, lambda: chains(None, archive, progress=progress), report, __version__)


def export(path: str | Path, archive: str | Path | None = None, progress=None) -> dict[str, int]:
    """The archive as an SQLite database at PATH (replaced atomically); rows written per table."""
    from .renderers.sqlite_export import write_database

    return write_database(Path(path), _existing_archive(archive), chains(None, archive, progress=progress))


def textconv(path: str | Path) -> str:
    """A report FILE (PDF, text or XML) as stable line-oriented text for git's textconv."""
    from .renderers.textconv import render_textconv

    try:
        return render_textconv(load_edition(Path(path)))
    except PolicydiffError as exc:  # `textconv --check a.pdf b.pdf` must say which one
        raise PolicydiffError(str(exc) if str(path) in str(exc) else f"{path}: {exc}") from None


# The auditor's pairings and marks of an archived pair (`policydiff pair`, `policydiff review`).


def pair_diff(store: Archive, old: StoredEdition, new: StoredEdition, options: Options | None = None) -> Diff:
    """The diff of an archived pair with the auditor's pairings applied and the stale ones reported."""
    from dataclasses import replace

    overrides, stale = overrides_of(load_review(store, old, new).links, old.name, old.sha256, new.name, new.sha256)
    found = _diff_editions(load_archived(store, old), load_archived(store, new), options, overrides)
    return replace(found, stale_overrides=tuple(stale) + found.stale_overrides)


@dataclass(frozen=True)
class Paired:
    review: Review
    commit: str
    diff: Diff


def record_pair(store: Archive, old: str, new: str, links: list[tuple[str, str]], unlinks: list[str],
         by: str | None = None, options: Options | None = None) -> Paired:
    """Record the auditor's pairings of OLD → NEW in the archive: measure ids as `show` prints them, or
    follow-through record ids as the reports print them (ft-… = un-…, decided by their shape)."""
    a, b = archived_pair(store, old, new)
    review = load_review(store, a, b)
    if links or unlinks:
        if any(is_ledger_id(x) for pair_ in links for x in pair_) or any(map(is_ledger_id, unlinks)):
            check_ledger_links(pair_diff(store, a, b, options), links, unlinks)
        check_measure_links(load_archived(store, a), load_archived(store, b), links, unlinks, a.name, b.name)
        who, when = reviewer(by), now()
        made = [StoredLink(o, n, who, when, a.sha256, b.sha256) for o, n in links]
        made += [StoredLink(o, None, who, when, a.sha256, b.sha256) for o in unlinks]
        what = ", ".join([f"link {o}={n}" for o, n in links] + [f"unlink {o}" for o in unlinks])
        with_links(Review(a.document, a.edition, b.edition), made)  # refused before the lock is taken
        review, commit = update_review(store, a, b, lambda current: with_links(current, made), what[:2000], who)
    else:
        commit = ""
    return Paired(review, commit, pair_diff(store, a, b, options))


def review_pair(store: Archive, old: str, new: str, marks: list[tuple[str, str, str]] = (),  # type: ignore[assignment]
                by: str | None = None, options: Options | None = None) -> Sheet:
    """The sign-off sheet of OLD → NEW, after recording MARKS ((id, mark, note)) in the archive."""
    a, b = archived_pair(store, old, new)
    d = pair_diff(store, a, b, options)
    current = load_review(store, a, b)
    if marks:
        rows = check_marks(d, [(i, s) for i, s, _ in marks], a.name, b.name)
        who, when = reviewer(by), now()
        made = [StoredMark(i, s, n, who, when, rows[i].kind, rows[i].measure, summary(rows[i], d))  # type: ignore[arg-type]
                for i, s, n in marks]
        with_marks(Review(a.document, a.edition, b.edition), made)  # refused before the lock is taken
        current, _ = update_review(store, a, b, lambda now_: with_marks(now_, made), f"{len(made)} mark(s)", who)
    return sheet(a.name, b.name, d, [_mark(m) for m in current.marks], current.marks)
