"""Entry points that turn a file or bytes into an Edition, whatever its format."""

from __future__ import annotations

import hashlib
from pathlib import Path

from .decode import decode_report
from .errors import PolicydiffError
from .model import Edition, Source
from .parse_text import parse_report_text

# The first line of a synthetic edition's text says so; the parser marks the edition synthetic.
SYNTHETIC_MARKER = "# policydiff-synthetic:"


def parse_report(data: bytes | str, source_name: str = "<input>", document: str | None = None,
                 edition: str | None = None) -> Edition:
    """Parse report text (bytes in any supported encoding, or str) into an Edition."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    text, encoding, dropped = decode_report(raw)
    synthetic = False
    note = ""
    first, _, rest = text.partition("\n")
    if first.startswith(SYNTHETIC_MARKER):
        synthetic, note = True, first[len(SYNTHETIC_MARKER):].strip()
        text = "\n" + rest  # keep line numbers of the real text unchanged
    source = Source(name=Path(source_name).name, sha256=hashlib.sha256(raw).hexdigest(), encoding=encoding,
                    size=len(raw))
    ed = parse_report_text(text, source, document=document, edition=edition, synthetic=synthetic)
    if synthetic or dropped:
        from dataclasses import replace

        from .model import ParseWarning

        extra = (ParseWarning("control-characters", f"dropped {dropped} control character(s) from the input", 0, 0),)
        ed = replace(ed, synthetic_note=note, warnings=(extra if dropped else ()) + ed.warnings)
    return ed


def read_input(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise PolicydiffError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise PolicydiffError(f"{path} is a directory, not a report file") from None
    except OSError as exc:
        raise PolicydiffError(f"cannot read {path}: {exc.strerror}") from None


def load_edition(path: str | Path, document: str | None = None, edition: str | None = None) -> Edition:
    """Read an edition from a report text file, or from normalized XML if the name ends in .xml."""
    p = Path(path)
    data = read_input(p)
    if p.suffix.lower() == ".xml":
        from .xml import edition_from_xml

        return edition_from_xml(data)
    return parse_report(data, source_name=p.name, document=document, edition=edition)
