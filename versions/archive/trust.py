"""Whether an archived edition's XML is what this parser makes of its stored source, before it is shown.

The XML, its tag and the version fields in both can be edited by hand and committed with plain git (a
received archive is untrusted), so nothing in the archive can vouch for the XML: `show` and `diff`
printed forged figures under a moved tag with exit 0. Before an edition's XML is used, the stored
source is parsed again and the result compared, byte for byte. What was checked is remembered outside
the archive, in the user's cache (`$XDG_CACHE_HOME/policydiff/checked-editions`, one line per XML and
source sha256 and parser version), where a received archive cannot write: an edition is parsed again
once per parser version, and never after an ingest or a reparse on this machine (they made the XML
from the source just then). Without a writable cache every read parses again: slower, never wrong.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections.abc import Callable
from pathlib import Path

from ..model.errors import ArchiveError, PolicydiffError
from .files import write_atomic
from .records import StoredEdition

Rebuild = Callable[[StoredEdition, bytes], bytes]  # (edition, its source) -> the XML this parser makes
CACHE_NAME = "checked-editions"
LINE_RE = re.compile(r"[0-9a-f]{64} [0-9a-f]{64} [!-~]{1,40}")
MAX_CACHE_BYTES = 4 * 1024 * 1024  # ~30,000 editions; past it the older half is forgotten


def cache_file() -> Path | None:
    base = os.environ.get("XDG_CACHE_HOME") or (os.path.join(os.path.expanduser("~"), ".cache")
                                                if os.path.expanduser("~") != "~" else "")
    return Path(base) / "policydiff" / CACHE_NAME if base and os.path.isabs(base) else None


def key(xml: bytes, source: bytes, parser: str) -> str:
    return f"{hashlib.sha256(xml).hexdigest()} {hashlib.sha256(source).hexdigest()} {parser}"


def known(entry: str) -> bool:
    path = cache_file()
    if path is None:
        return False
    try:
        with path.open("rb") as f:
            return any(line.decode("ascii", "replace").strip() == entry for line in f)
    except OSError:
        return False


def remember(entry: str) -> None:
    """Add ENTRY to the cache with one O_APPEND write (concurrent writers do not interleave a line)."""
    path = cache_file()
    if path is None or not LINE_RE.fullmatch(entry):
        return
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > MAX_CACHE_BYTES:
            lines = path.read_bytes().splitlines()
            write_atomic(path, b"\n".join(lines[len(lines) // 2:]) + b"\n")
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, (entry + "\n").encode("ascii"))
        finally:
            os.close(fd)


def check(ed: StoredEdition, xml: bytes, source: bytes, rebuild: Rebuild, parser: str, where: Path) -> None:
    """Refuse ED unless XML is what REBUILD (parser version PARSER) makes of SOURCE; remember it if so."""
    actual = hashlib.sha256(source).hexdigest()
    if actual != ed.sha256:  # the record itself is wrong: no parse can say which side to believe
        raise ArchiveError(f"{ed.name} in archive {where}: its source {ed.source_path} (sha256 {actual[:12]}) does not "
                           f"match the record of tag {ed.tag} (sha256 {ed.sha256[:12] or '(none)'}); run policydiff verify")
    entry = key(xml, source, parser)
    if known(entry):
        return
    try:
        made = rebuild(ed, source)
    except PolicydiffError as exc:
        raise ArchiveError(f"{ed.xml_path} in archive {where} cannot be checked: parser {parser} refuses its source "
                           f"{ed.source_path} ({str(exc).splitlines()[0][:200]}); run policydiff verify") from None
    if made != xml:
        claimed = re.search(rb'parser="([^"]{0,40})"', xml[:4096])
        said = claimed.group(1).decode("ascii", "replace") if claimed else "(none)"
        why = (f"its XML says parser {said}, its tag parser {ed.parser or '(none)'}: a parser upgrade, or a hand edit"
               if parser not in (said, ed.parser) else "edited by hand or forged?")
        raise ArchiveError(f"{ed.xml_path} in archive {where} is not what parser {parser} makes of its source "
                           f"{ed.source_path} ({why}); policydiff verify lists it, policydiff reparse rebuilds it "
                           "from the source")
    remember(entry)
