"""The auditor's record of one pair of archived editions: pairing overrides and review marks.

Kept in the archive as `reviews/<document>/<old>..<new>.json` (schema `policydiff/review/1`, see
FORMAT.md), one commit per change, through the archive's public update_file/read_file. Every record
names who made it, when, and the sha256 of both sources it was made against: a record made against a
source that has since been replaced is reported as stale by the reader, never applied or dropped.

A change is read, merged and written under the archive's lock (update_review): eight auditors marking
at once all keep their marks. A review file is checked whole when it is read (review_files.py): one
that a received archive forged is refused with one line, listed by `verify` and set aside by `repair`.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from ..model.errors import ArchiveError, PolicydiffError
from . import review_files
from .records import field, name_problem
from .review_files import AT_RE, ID_RE, MAX_ID, MAX_KIND, MAX_NAME, MAX_NOTE, MAX_SUMMARY, SHA256_RE, Invalid
from .store import Archive, StoredEdition

SCHEMA = "policydiff/review/1"
MarkState = Literal["accepted", "query", "rejected"]
MARK_STATES: tuple[MarkState, ...] = ("accepted", "query", "rejected")
REVIEW_DIR = "reviews/"

__all__ = ["MARK_STATES", "MAX_NOTE", "REVIEWER_ENV", "SCHEMA", "Review", "StoredLink", "StoredMark", "archived_pair",
           "from_json", "load_review", "now", "read_marks_file", "review_path", "review_problems", "reviewer",
           "save_review", "set_aside_invalid", "to_json", "update_review", "with_links", "with_marks"]


@dataclass(frozen=True)
class StoredLink:
    """OLD pairs with NEW (None: with nothing), as the auditor said, against these two sources."""

    old: str
    new: str | None
    by: str
    at: str
    old_sha256: str
    new_sha256: str


@dataclass(frozen=True)
class StoredMark:
    id: str  # a change id of the engine (diffengine/ids.py)
    mark: MarkState
    note: str
    by: str
    at: str
    kind: str = ""  # what the change was when it was marked, for a mark whose change has vanished
    measure: str = ""
    summary: str = ""


@dataclass(frozen=True)
class Review:
    document: str
    old: str
    new: str
    links: tuple[StoredLink, ...] = ()
    marks: tuple[StoredMark, ...] = ()

    @property
    def path(self) -> str:
        return review_path(self.document, self.old, self.new)


def review_path(document: str, old: str, new: str) -> str:
    return f"{REVIEW_DIR}{document}/{old}..{new}.json"


def _names_of(path: str) -> tuple[str, str, str] | None:
    """(document, old, new) that a review file's path names, or None for any other path."""
    parts = path.split("/")
    if len(parts) != 3 or parts[0] != REVIEW_DIR.rstrip("/") or not parts[2].endswith(".json"):
        return None
    old, sep, new = parts[2].removesuffix(".json").partition("..")
    return (parts[1], old, new) if sep else None


def to_json(review: Review) -> bytes:
    import json

    data = {"schema": SCHEMA, "document": review.document, "old": review.old, "new": review.new,
            "links": [asdict(x) for x in review.links], "marks": [asdict(x) for x in review.marks]}
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode("utf-8")


# (field, its limit, its form, may be empty) of each record, as the writer makes them.
NAME_TEXT_RE = re.compile("[^\x00-\x1f\x7f-\x9f]+")  # a reviewer's name: no control character
LINK_FIELDS = (("old", MAX_ID, ID_RE, False), ("by", MAX_NAME, NAME_TEXT_RE, False), ("at", 20, AT_RE, False),
               ("old_sha256", 64, SHA256_RE, False), ("new_sha256", 64, SHA256_RE, False))
MARK_FIELDS = (("id", MAX_ID, ID_RE, False), ("note", MAX_NOTE, None, True), ("by", MAX_NAME, NAME_TEXT_RE, False),
               ("at", 20, AT_RE, False), ("kind", MAX_KIND, None, True), ("measure", MAX_ID, None, True),
               ("summary", MAX_SUMMARY, None, True))


def from_json(data: bytes, where: str) -> Review:
    """A review file read back, every field checked (type, size, form, duplicates, and the names its
    path gives); anything else is an ArchiveError naming the file and what to run."""
    try:
        return _review(review_files.loads(data), where)
    except Invalid as exc:
        raise ArchiveError(f"review file {where} is invalid: {exc}; policydiff verify lists it and "
                           "policydiff repair sets it aside (git history keeps it)") from None


def _review(raw: Any, where: str) -> Review:
    if not isinstance(raw, dict) or raw.get("schema") != SCHEMA:
        raise Invalid(f"not a {SCHEMA} file")
    names = tuple(review_files.text(raw.get(k), repr(k), 64) for k in ("document", "old", "new"))
    expected = _names_of(where)
    if any(name_problem(x) for x in names) or (expected is not None and names != expected):
        raise Invalid("its document, old and new are not the ones its path names")
    links = tuple(_link(item, i) for i, item in enumerate(review_files.items(raw, "links")))
    marks = tuple(_mark(item, i) for i, item in enumerate(review_files.items(raw, "marks")))
    for what, idents in (("link", [x.old for x in links]), ("mark", [m.id for m in marks])):
        twice = [x for x, n in Counter(idents).items() if n > 1]
        if twice:
            raise Invalid(f"two {what}s of {twice[0]}")
    return Review(*names, links, marks)


def _fields(item: dict[str, Any], spec: tuple, where: str) -> dict[str, str]:
    return {key: review_files.text(item.get(key), f"{where}.{key}", limit, form, empty)
            for key, limit, form, empty in spec}


def _link(item: dict[str, Any], i: int) -> StoredLink:
    found = _fields(item, LINK_FIELDS, f"links[{i}]")
    new = item.get("new")
    found["new"] = None if new is None else review_files.text(new, f"links[{i}].new", MAX_ID, ID_RE, empty=False)
    return StoredLink(**found)


def _mark(item: dict[str, Any], i: int) -> StoredMark:
    if item.get("mark") not in MARK_STATES:
        raise Invalid(f"marks[{i}].mark must be one of {'|'.join(MARK_STATES)}")
    return StoredMark(mark=item["mark"], **_fields(item, MARK_FIELDS, f"marks[{i}]"))


def load_review(archive: Archive, old: StoredEdition, new: StoredEdition) -> Review:
    """The review of OLD → NEW, empty when none was recorded yet; an invalid file is an ArchiveError."""
    path = review_path(old.document, old.edition, new.edition)
    data = archive.read_file(path, review_files.MAX_FILE_BYTES)
    return Review(old.document, old.edition, new.edition) if data is None else from_json(data, path)


def with_links(review: Review, links: list[StoredLink]) -> Review:
    """REVIEW with LINKS added; a later link of the same old id replaces the earlier one."""
    for x in links:
        for ident in (x.old, x.new):
            if ident is not None:
                _check_id(ident)
    merged = {x.old: x for x in review.links} | {x.old: x for x in links}  # one pass: O(N)
    return replace(review, links=tuple(sorted(merged.values(), key=lambda x: x.old)))


def with_marks(review: Review, marks: list[StoredMark]) -> Review:
    """REVIEW with MARKS added; a later mark of the same change replaces the earlier one. What the
    change was (kind, measure, summary) is clipped to what a reader accepts."""
    for m in marks:
        _check_id(m.id)
        if len(m.note) > MAX_NOTE:
            raise PolicydiffError(f"note of {m.id} has {len(m.note):,} characters; the limit is {MAX_NOTE:,}")
        review_files.user_text(m.note, f"the note of {m.id}")
    clipped = [replace(m, kind=m.kind[:MAX_KIND], measure=m.measure[:MAX_ID], summary=m.summary[:MAX_SUMMARY])
               for m in marks]
    merged = {m.id: m for m in review.marks} | {m.id: m for m in clipped}  # one pass: O(N)
    return replace(review, marks=tuple(sorted(merged.values(), key=lambda x: x.id)))


def _check_id(ident: str) -> None:
    try:
        review_files.text(ident, f"id {ident[:MAX_ID]!r}", MAX_ID, ID_RE, empty=False)
    except Invalid as exc:
        raise PolicydiffError(str(exc)) from None


def _message(review: Review, what: str, by: str, old: StoredEdition, new: StoredEdition) -> str:
    return (f"review {review.document}/{review.old}..{review.new}: {what}\n\n"
            f"by: {by}\nold: {old.name} sha256 {old.sha256}\nnew: {new.name} sha256 {new.sha256}\n")


def update_review(archive: Archive, old: StoredEdition, new: StoredEdition, change: Callable[[Review], Review],
                  what: str, by: str) -> tuple[Review, str]:
    """Apply CHANGE to the review of OLD → NEW as it is when the archive's lock is held, and commit the
    result: read, merge and write are one locked step, so a concurrent mark is never overwritten.
    Returns the review as committed and the commit."""
    path = review_path(old.document, old.edition, new.edition)
    made: list[Review] = []

    def apply(data: bytes | None) -> tuple[bytes, str]:
        current = Review(old.document, old.edition, new.edition) if data is None else from_json(data, path)
        made.append(change(current))
        return to_json(made[-1]), _message(made[-1], what, by, old, new)

    commit = archive.update_file(path, apply, author=field(by), limit=review_files.MAX_FILE_BYTES)
    return made[-1], commit


def save_review(archive: Archive, review: Review, what: str, by: str, old: StoredEdition,
                new: StoredEdition) -> str:
    """Commit REVIEW whole, replacing whatever the file holds (update_review merges instead)."""
    return archive.write_file(review.path, to_json(review), _message(review, what, by, old, new), author=field(by))


def review_problems(archive: Archive) -> list[tuple[str, str]]:
    """(path, what is wrong) of every review file that cannot be read back."""
    problems = []
    for path in archive.files(REVIEW_DIR):
        if _names_of(path) is None:
            continue  # a stray file: verify's layout check names it
        try:
            from_json(archive.read_file(path, review_files.MAX_FILE_BYTES) or b"", path)
        except ArchiveError as exc:
            problems.append((path, str(exc).removeprefix(f"review file {path} is ")))
    return problems


def set_aside_invalid(archive: Archive) -> list[str]:
    """`repair`: remove the review files that cannot be read back, in one commit; git history keeps
    them (the commit's parent), so nothing a reviewer wrote is lost, and every command works again."""
    problems = review_problems(archive)
    if not problems:
        return []
    message = "repair: set aside invalid review files\n\n" + "".join(f"{p}: {why}\n" for p, why in problems)
    commit = archive.remove_files([p for p, _ in problems], message[:4000])
    return [f"set aside {p} ({why.split(';')[0]}): it stays in git history, git show {commit[:12]}^:{p}"
            for p, why in problems]


CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # in a name: never meant, and it would act on a terminal
REVIEWER_ENV = "POLICYDIFF_REVIEWER"  # who records a pairing or a mark, when --by is not given


def reviewer(by: str | None) -> str:
    """Who records: --by, else $POLICYDIFF_REVIEWER, else git's user.name; refused when none says, or
    when the name is not UTF-8 (see review_files.user_text)."""
    if by:
        review_files.user_text(by, "--by")
    name = (by or os.environ.get(REVIEWER_ENV) or "").strip()
    review_files.user_text(name, f"${REVIEWER_ENV}")
    if not name:
        name = _git_user_name()
    if not name:
        raise PolicydiffError(f"say who you are: --by NAME, or set {REVIEWER_ENV} (or git's user.name)")
    if CONTROL_RE.search(name):
        raise PolicydiffError("the reviewer's name holds a control character (ESC, NUL, …): give it as plain text")
    return " ".join(name.split())[:MAX_NAME]


def _git_user_name() -> str:
    try:
        raw = subprocess.run(["git", "config", "user.name"], capture_output=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return ""
    try:
        return raw.decode("utf-8").strip()
    except UnicodeDecodeError:
        raise PolicydiffError("git's user.name is not UTF-8 text (written in Shift_JIS or EUC-JP?): give --by "
                              f"NAME or set {REVIEWER_ENV}, or set user.name again in UTF-8") from None


def moment() -> datetime:
    """The one clock of policydiff: now, or SOURCE_DATE_EPOCH for reproducible builds. It dates the
    auditor's marks and pairings (now) and a report's "generated at" (api.generated_at)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    try:
        return datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    except (ValueError, OverflowError, OSError):
        raise PolicydiffError(f"SOURCE_DATE_EPOCH must be an integer number of seconds a record can hold, "
                              f"not {epoch[:20]!r}") from None


def now() -> str:
    return moment().strftime("%Y-%m-%dT%H:%M:%SZ")


def archived_pair(store: Archive, old: str, new: str) -> tuple[StoredEdition, StoredEdition]:
    """OLD and NEW as archived editions of one document; a file is refused with the way to archive it."""
    for ref in (old, new):
        if os.path.exists(ref):
            raise PolicydiffError(f"{ref} is a file; pair and review work on archived editions: "
                                  f"policydiff ingest {ref}, then name its edition")
    a, b = store.resolve(old), store.resolve(new)
    if a.document != b.document:
        raise PolicydiffError(f"{a.name} and {b.name} are editions of different documents")
    return a, b


def read_marks_file(path: Path) -> list[tuple[str, str, str]]:
    """(id, mark, note) from a marks file: the HTML report's download or `review --format json`."""
    return review_files.read_marks_file(path, MARK_STATES)
