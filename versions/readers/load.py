"""Entry points that turn a file or bytes into an Edition, whatever its format."""

from __future__ import annotations

import hashlib
import os
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from ..model.edition import Edition, Source
from ..model.errors import ArchiveError, EditionParseError, EditionXMLError, PolicydiffError
from ..model.gc_pause import paused_gc
from .decode import MAX_INPUT_BYTES, decode_report, too_large
from .pdf_open import MAX_PDF_BYTES, is_pdf
from .vocabulary import SYNTHETIC_MARK

if TYPE_CHECKING:  # the PDF reader is imported when a PDF is read, not by every command that reads text
    from ..archive.store import Archive, StoredEdition
    from .pdf_cells import Progress
from .parse_text import parse_report_text

# The first line of a synthetic edition's text says so; the parser marks the edition synthetic.
SYNTHETIC_MARKER = "# " + SYNTHETIC_MARK


def parse_report(data: bytes | str, source_name: str = "<input>", document: str | None = None,
                 edition: str | None = None, progress: Progress | None = None) -> Edition:
    """Parse a report into an Edition: a PDF (bytes starting %PDF-), or text (bytes in any supported
    encoding, or str). PROGRESS(page, pages) is called as a PDF's pages are read."""
    with paused_gc():  # millions of records, no cycles: see model/gc_pause.py
        return _parse_report(data, source_name, document, edition, progress)


def _parse_report(data: bytes | str, source_name: str, document: str | None, edition: str | None,
                  progress: Progress | None) -> Edition:
    if isinstance(data, bytes) and is_pdf(data):
        from .parse_pdf import parse_report_pdf

        source = Source(name=Path(source_name).name, sha256=hashlib.sha256(data).hexdigest(), encoding="binary",
                        format="pdf", size=len(data))
        return parse_report_pdf(data, source, document=document, edition=edition, progress=progress)
    try:
        raw = data.encode("utf-8") if isinstance(data, str) else data
    except UnicodeEncodeError as exc:  # parse_report("\ud800"): a lone surrogate, no text any file can hold
        raise EditionParseError(f"input text is not valid Unicode: {exc.reason} at index {exc.start}") from None
    text, encoding, dropped = decode_report(raw)
    synthetic = False
    note = ""
    first, _, rest = text.partition("\n")
    first = unicodedata.normalize("NFKC", first)  # pdfminer prints 「policydiﬀ」 with the ligature ﬀ
    if first.lstrip("# ").startswith(SYNTHETIC_MARK):  # also as a PDF prints it on its first page
        synthetic, note = True, first.lstrip("# ")[len(SYNTHETIC_MARK):].strip()
        text = "\n" + rest  # keep line numbers of the real text unchanged
    source = Source(name=Path(source_name).name, sha256=hashlib.sha256(raw).hexdigest(), encoding=encoding,
                    size=len(raw))
    ed = parse_report_text(text, source, document=document, edition=edition, synthetic=synthetic, synthetic_note=note)
    if dropped:
        from dataclasses import replace

        from ..model.edition import ParseWarning

        extra = (ParseWarning("control-characters", f"dropped {dropped} control character(s) from the input", 0, 0),)
        ed = replace(ed, warnings=extra + ed.warnings)
    return ed


def input_limit(path: Path) -> int:
    """The size limit for a report file: a PDF (by its name) may be larger than extracted text."""
    return MAX_PDF_BYTES if path.suffix.lower() == ".pdf" else MAX_INPUT_BYTES


def read_input(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a file, refused past LIMIT before they are read: stat says the size of a regular
    file, and the read stops at LIMIT + 1 for files stat cannot size (/dev/zero, a pipe). A sparse
    100 MB file was read whole into memory before decode_report refused it."""
    limit = input_limit(path) if limit is None else limit
    try:
        with path.open("rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size > limit:
                raise too_large(size, limit)
            data = f.read(limit + 1)
    except FileNotFoundError:
        raise PolicydiffError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise PolicydiffError(f"{path} is a directory, not a report file") from None
    except OSError as exc:
        raise PolicydiffError(f"cannot read {path}: {exc.strerror}") from None
    if len(data) > limit:
        raise too_large(limit, limit, exact=False)
    return data


def load_edition(path: str | Path, document: str | None = None, edition: str | None = None,
                 progress: Progress | None = None) -> Edition:
    """Read an edition from a report file (text or PDF), or from normalized XML if the name ends in .xml."""
    p = Path(path)
    if p.suffix.lower() == ".xml":
        from ..xml import MAX_XML_BYTES, edition_from_xml

        with paused_gc():
            return edition_from_xml(read_input(p, MAX_XML_BYTES))
    return parse_report(read_input(p), source_name=p.name, document=document, edition=edition, progress=progress)


def load_archived(archive: Archive, stored: StoredEdition) -> Edition:
    """An edition from the archive, refused (ArchiveError naming it) rather than read wrong: its XML must
    be the version its tag marks, valid, and about the edition and source that the tag records."""
    from ..xml import edition_from_xml

    where = f"{stored.name} ({stored.xml_path} at commit {stored.commit[:12]})"
    try:
        with paused_gc():
            ed = edition_from_xml(archive.read_current_xml(stored))
    except EditionXMLError as exc:
        raise ArchiveError(f"{where} cannot be read: {exc}; run policydiff verify") from None
    if (ed.document, ed.edition, ed.source.sha256) != (stored.document, stored.edition, stored.sha256):
        raise ArchiveError(
            f"{where} does not match the record of tag {stored.tag} (it says {ed.name}, source sha256 "
            f"{ed.source.sha256[:12]}; the tag records sha256 {stored.sha256[:12] or '(none)'}); run policydiff verify"
        )
    return ed
