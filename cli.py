"""The `policydiff` command: parse arguments, call versions → diffengine → renderers, map errors.

Exit codes follow diff(1): 0 nothing to report, 1 differences or problems found, 2 trouble
(refused input, archive error), 3 a bug in policydiff.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from . import __version__
from .versions.errors import PolicydiffError

DEFAULT_ARCHIVE = "policydiff-archive"


class Trouble(click.ClickException):
    """A refused input or failed operation: one line on stderr, exit 2 (not 1, which means 'differences')."""

    exit_code = 2


class Bug(click.ClickException):
    exit_code = 3


class PolicydiffGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except PolicydiffError as exc:
            raise Trouble(str(exc)) from None
        except BrokenPipeError:
            sys.stderr.close()  # the reader went away (| head): nothing left to report
            raise click.exceptions.Exit(0) from None
        except KeyboardInterrupt:
            raise Trouble("interrupted") from None
        except Exception as exc:  # noqa: BLE001 - the one place that turns a bug into exit 3
            raise Bug(f"internal error ({type(exc).__name__}: {exc}); this is a bug in policydiff, "
                      "please report it with the command you ran") from None


@click.group(cls=PolicydiffGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="policydiff")
@click.option("--archive", "archive_path", type=click.Path(path_type=Path), envvar="POLICYDIFF_ARCHIVE",
              default=DEFAULT_ARCHIVE, show_default=True, show_envvar=True,
              help="The git archive of editions (created on first use).")
@click.pass_context
def cli(ctx: click.Context, archive_path: Path) -> None:
    """Find what changed between editions of a government policy progress report.

    \b
    Example:
      policydiff ingest examples/iryokiki-kihonkeikaku_fy2024.txt
      policydiff list
      policydiff show fy2024
    """
    ctx.obj = archive_path


def _archive(ctx: click.Context):
    from .versions.archive import Archive

    return Archive(ctx.obj)


def _write(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    from .versions.files import write_file_atomic

    write_file_atomic(output, text.encode("utf-8"))


def load_with_provenance(ctx: click.Context, ref: str):
    """An edition named on the command line (an existing file, .xml or report text, else a name in
    the archive) and where it came from, for report headers."""
    from .versions.load import load_edition

    if os.path.exists(ref):
        return load_edition(Path(ref)), {"file": str(Path(ref))}
    from .versions.load import load_archived

    archive = _archive(ctx)
    stored = archive.resolve(ref)
    return load_archived(archive, stored), {"archive": str(archive.path), "archive_commit": stored.commit,
                                                        "archive_name": stored.name}


def load_side(ctx: click.Context, ref: str):
    return load_with_provenance(ctx, ref)[0]


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--document", help="Document id (default: recognised from the report).")
@click.option("--edition", "edition_label", help="Edition label (default: fy<results year>, e.g. fy2024).")
@click.option("--replace", is_flag=True, help="Replace an existing edition whose source differs (history is kept).")
@click.pass_context
def ingest(ctx: click.Context, file: Path, document: str | None, edition_label: str | None, replace: bool) -> None:
    """Parse a report FILE into normalized XML and store it, with its source, in the archive.

    \b
    Example:
      policydiff ingest examples/iryokiki-kihonkeikaku_fy2024.txt
      policydiff ingest new.txt --document iryokiki-kihonkeikaku --edition fy2025
    """
    from .versions.archive import check_name
    from .versions.load import parse_report, read_input
    from .versions.xml import edition_to_xml

    if document:
        check_name(document, "document id")
    if edition_label:
        check_name(edition_label, "edition label")
    data = read_input(file)
    ed = parse_report(data, source_name=file.name, document=document, edition=edition_label)
    result = _archive(ctx).ingest(ed.document, ed.edition, edition_to_xml(ed), data, file.name,
                                  ed.parser_version, ed.counts(), replace=replace)
    c = ed.counts()
    what = {"added": "ingested", "replaced": "replaced", "unchanged": "unchanged (same source already stored):"}
    click.echo(f"{what[result.status]} {ed.name}: {c['measures']} measures, {c['budgets']} budget lines, "
               f"{c['successions']} successions, {c['warnings']} warnings"
               + (f" [commit {result.edition.commit[:10]}]" if result.status != "unchanged" else ""))
    if ed.synthetic:
        click.echo(f"note: {ed.name} is a SYNTHETIC edition, not a real report", err=True)


@cli.command(name="list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def list_(ctx: click.Context, fmt: str) -> None:
    """List the editions in the archive.

    \b
    Example:
      policydiff list
      policydiff list --format json
    """
    import json

    archive = _archive(ctx)
    editions = archive.editions() if archive.exists() else []
    if fmt == "json":
        rows = [{"name": e.name, "document": e.document, "edition": e.edition, "source": e.source_name,
                 "sha256": e.sha256, "commit": e.commit, "parser": e.parser} for e in editions]
        click.echo(json.dumps({"schema": "policydiff/list/1", "editions": rows}, ensure_ascii=False,
                              sort_keys=True, indent=2))
        return
    if not editions:
        click.echo(f"no editions in {archive.path} yet; add one with: policydiff ingest FILE", err=True)
        return
    for e in editions:
        click.echo(f"{e.name}\t{e.source_name}\tsha256 {e.sha256[:12]}\tcommit {e.commit[:10]}")


@cli.command()
@click.argument("edition")
@click.option("--format", "fmt", type=click.Choice(["text", "xml", "json"]), default="text", show_default=True)
@click.option("--summary", is_flag=True, help="Only the counts, budgets, successions and warnings.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to a file.")
@click.pass_context
def show(ctx: click.Context, edition: str, fmt: str, summary: bool, output: Path | None) -> None:
    """Show an EDITION: a name in the archive (DOCUMENT/EDITION or a unique label) or a file.

    \b
    Example:
      policydiff show fy2024
      policydiff show iryokiki-kihonkeikaku/fy2024 --format json
      policydiff show examples/iryokiki-kihonkeikaku_fy2024.txt --summary
    """
    ed = load_side(ctx, edition)
    if fmt == "json":
        from .renderers.edition_json import render_edition_json

        text = render_edition_json(ed)
    elif fmt == "xml":
        from .versions.xml import edition_to_xml

        text = edition_to_xml(ed).decode("utf-8")
    else:
        from .renderers.edition_text import render_edition_text

        text = render_edition_text(ed, measures=not summary)
    _write(text, output)


FAIL_KINDS = ("any", "text", "budget", "added", "removed", "rename")


def _fail_kinds(value: str) -> frozenset[str]:
    kinds = frozenset(k.strip() for k in value.split(",") if k.strip())
    bad = kinds - set(FAIL_KINDS)
    if bad or not kinds:
        raise click.BadParameter(f"choose from {','.join(FAIL_KINDS)} (comma-separated)", param_hint="--fail-on")
    return kinds


def _csv(value: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in value.split(",") if x.strip()) if value else ()


def _report_options(fn):
    """Options shared by `diff` and `plans`: format and file, filters, thresholds, exit policy."""
    from .diffengine.select import STATUS_FILTERS

    options = [
        click.option("--format", "fmt", type=click.Choice(["text", "json", "html", "markdown", "csv"]),
                     default="text", show_default=True,
                     help="text (terminal), json (machines), html (self-contained report), markdown (PR comment), "
                          "csv (budget changes for a spreadsheet)."),
        click.option("-o", "--output", type=click.Path(path_type=Path),
                     help="Write the report to a file instead of stdout."),
        click.option("--status", "statuses", default="", metavar="KINDS",
                     help=f"Only measures of these kinds: {','.join(STATUS_FILTERS)}."),
        click.option("--ministry", "ministries", default="", metavar="CODES",
                     help="Only measures of these ministries, e.g. 厚 or 厚,経."),
        click.option("--measure", "measure_ids", default="", metavar="IDS", help="Only these measures, e.g. m004."),
        click.option("--fail-on", default="any", show_default=True, metavar="KINDS",
                     help="Exit 1 only for these kinds of change: any,text,budget,added,removed,rename."),
        click.option("--rename-threshold", type=click.FloatRange(0, 1), default=0.6, show_default=True,
                     help="Least confidence (0..1) for an inferred program rename."),
        click.option("--match-threshold", type=click.FloatRange(0, 1), default=0.6, show_default=True,
                     help="Least similarity (0..1) for two differently titled measures to be paired."),
        click.option("--show-format-only", is_flag=True, help="Also show changes of width, quotes or wrapping."),
        click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
                     help="Colour the text format (auto: on a terminal, unless NO_COLOR is set)."),
        click.option("--lang", type=click.Choice(["ja", "en"]), default="ja", show_default=True,
                     help="Labels of the HTML report."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def _generated_at() -> str:
    """Now, or SOURCE_DATE_EPOCH for reproducible builds."""
    from datetime import UTC, datetime

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    try:
        moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    except ValueError:
        raise Trouble(f"SOURCE_DATE_EPOCH must be an integer number of seconds, not {epoch!r}") from None
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def _emit(diff, opts: dict[str, Any], provenance: dict[str, dict[str, str]]) -> int:
    from .diffengine.select import STATUS_FILTERS, select
    from .renderers import render

    kinds = _fail_kinds(opts["fail_on"])
    statuses = _csv(opts["statuses"])
    if set(statuses) - set(STATUS_FILTERS):
        raise click.BadParameter(f"choose from {','.join(STATUS_FILTERS)}", param_hint="--status")
    failed = diff.has_changes(kinds)
    shown = select(diff, statuses, _csv(opts["ministries"]), _csv(opts["measure_ids"]))
    fmt, output = opts["fmt"], opts["output"]
    if fmt == "text":
        from .renderers.diff_text import TextOptions

        color = opts["color"]
        use_color = color == "always" or (color == "auto" and output is None and sys.stdout.isatty()
                                          and not os.environ.get("NO_COLOR"))
        options: Any = TextOptions(color=use_color, show_format_only=opts["show_format_only"])
    elif fmt == "markdown":
        from .renderers.markdown import MarkdownOptions

        options = MarkdownOptions(show_format_only=opts["show_format_only"])
    elif fmt == "html":
        from .renderers.html import HtmlOptions

        options = HtmlOptions(lang=opts["lang"], generated_at=_generated_at(), version=__version__,
                              show_format_only=opts["show_format_only"], provenance=provenance)
    else:
        options = None
    _write(render(shown, fmt, options), output)
    return 1 if failed else 0


def _options(opts: dict[str, Any]):
    from .diffengine.model import Options

    return Options(match_threshold=opts["match_threshold"], rename_threshold=opts["rename_threshold"],
                   show_format_only=opts["show_format_only"])


@cli.command()
@click.argument("old")
@click.argument("new")
@_report_options
@click.pass_context
def diff(ctx: click.Context, old: str, new: str, **opts: Any) -> None:
    """Compare two editions. OLD and NEW are files (.xml = normalized XML, else report text, parsed
    in memory) or editions in the archive. Exit 0: no change, 1: changes, 2: trouble.

    \b
    Example:
      policydiff diff fy2024 fy2025-synthetic
      policydiff diff old.txt new.txt --format html -o report.html
      policydiff diff old.txt new.txt --format json -o diff.json --fail-on budget,removed
      policydiff diff fy2024 fy2025-synthetic --status changed,added --ministry 厚
    """
    _fail_kinds(opts["fail_on"])
    from .diffengine.engine import diff_editions

    old_ed, old_prov = load_with_provenance(ctx, old)
    new_ed, new_prov = load_with_provenance(ctx, new)
    result = diff_editions(old_ed, new_ed, _options(opts))
    ctx.exit(_emit(result, opts, {"old": old_prov, "new": new_prov}))


@cli.command()
@click.argument("edition")
@_report_options
@click.pass_context
def plans(ctx: click.Context, edition: str, **opts: Any) -> None:
    """Compare what one EDITION reports as done (results, FY N) with what it plans (FY N+1):
    programs continuing, renamed, new or ended, and budgets of year N against year N+1.

    \b
    Example:
      policydiff plans fy2024
      policydiff plans examples/iryokiki-kihonkeikaku_fy2024.txt --format html -o plans.html
      policydiff plans fy2024 --format json -o plans.json
    """
    _fail_kinds(opts["fail_on"])
    from .diffengine.plans import results_vs_plans

    ed, prov = load_with_provenance(ctx, edition)
    result = results_vs_plans(ed, _options(opts))
    ctx.exit(_emit(result, opts, {"old": prov, "new": prov}))


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="Where to write the synthetic edition's text.")
@click.option("--truth", type=click.Path(path_type=Path), help="Also write the ground truth (JSON) here.")
@click.option("--seed", type=int, default=2025, show_default=True, help="Random seed: the same seed, the same edits.")
@click.option("--edits", type=click.IntRange(1, 500), default=12, show_default=True, help="How many edits to apply.")
def synth(file: Path, output: Path, truth: Path | None, seed: int, edits: int) -> None:
    """Make a SYNTHETIC next edition of a report FILE by applying known edits, for tests and demos.

    The text's first line marks it synthetic, and every report made from it says so. It is not a
    real report.

    \b
    Example:
      policydiff synth examples/iryokiki-kihonkeikaku_fy2024.txt -o out/next.txt --truth out/truth.json
    """
    import json

    from .versions.decode import decode_report
    from .versions.files import write_file_atomic
    from .versions.load import read_input
    from .versions.synthetic import make_synthetic

    text, _, _ = decode_report(read_input(file))
    made = make_synthetic(text, seed=seed, n_edits=edits)
    write_file_atomic(output, made.text.encode("utf-8"))
    if truth is not None:
        write_file_atomic(truth, (json.dumps(made.truth.to_dict(), ensure_ascii=False, sort_keys=True, indent=2)
                                  + "\n").encode("utf-8"))
    click.echo(f"wrote SYNTHETIC edition {output} ({edits} known edits, seed {seed})")


@cli.command()
@click.argument("document", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def lineage(ctx: click.Context, document: str | None, fmt: str) -> None:
    """Program lineages (A → B → C) across the archive's editions of DOCUMENT, oldest first, from
    stated successions and from renames found between consecutive editions.

    \b
    Example:
      policydiff lineage
      policydiff lineage iryokiki-kihonkeikaku --format json
    """
    import json

    from .diffengine.lineage import program_lineage
    from .versions.load import load_archived

    archive = _archive(ctx)
    stored = [e for e in (archive.editions() if archive.exists() else []) if document in (None, e.document)]
    if not stored:
        raise Trouble(f"no editions{' of ' + document if document else ''} in {archive.path}")
    documents = sorted({e.document for e in stored})
    result = {doc: program_lineage([load_archived(archive, e) for e in stored if e.document == doc])
              for doc in documents}
    if fmt == "json":
        click.echo(json.dumps({"schema": "policydiff/lineage/1", "lineages": result}, ensure_ascii=False,
                              sort_keys=True, indent=2))
        return
    for doc, chains in result.items():
        click.echo(f"{doc}: {len(chains)} lineage(s)")
        for chain in chains:
            click.echo("  " + " → ".join(chain))


def _xml_from_stored(stored, source: bytes) -> bytes:
    """What this parser makes of an archived edition's source, under its archived names."""
    from .versions.load import parse_report
    from .versions.xml import edition_to_xml

    return edition_to_xml(parse_report(source, source_name=stored.source_name, document=stored.document,
                                       edition=stored.edition))


@cli.command()
@click.pass_context
def verify(ctx: click.Context) -> None:
    """Check the archive: schema-valid XML, source sha256, git fsck. Exit 1 if problems are found.

    \b
    Example:
      policydiff verify
      policydiff --archive /path/to/archive verify
    """
    from .versions.parse_text import PARSER_VERSION
    from .versions.xml import validation_problems

    def against_source(stored, xml: bytes, source: bytes) -> list[str]:
        # A schema-valid hand edit under a tag moved by hand passes every other check.
        if stored.parser != PARSER_VERSION:
            return []  # made by another parser version: `policydiff reparse` rebuilds it
        if _xml_from_stored(stored, source) == xml:
            return []
        return [f"differs from what parser {PARSER_VERSION} makes of {stored.source_path} (edited by hand?); "
                "policydiff reparse rebuilds it from the source"]

    archive = _archive(ctx)
    if not archive.exists():
        raise Trouble(f"no archive at {archive.path}")
    problems = archive.verify(validation_problems, against_source)
    for p in problems:
        click.echo(f"{p.path}: {p.message}")
    n = len(archive.editions())
    if problems:
        click.echo(f"{len(problems)} problem(s) in {archive.path}", err=True)
        ctx.exit(1)
    click.echo(f"ok: {n} edition(s) in {archive.path} verified", err=True)


@cli.command()
@click.pass_context
def reparse(ctx: click.Context) -> None:
    """Rebuild every edition's XML from its stored source with this parser (one commit).

    \b
    Example:
      policydiff reparse
    """
    from .versions.parse_text import PARSER_VERSION

    archive = _archive(ctx)
    if not archive.exists():
        raise Trouble(f"no archive at {archive.path}")
    changed = archive.reparse(_xml_from_stored, PARSER_VERSION)
    click.echo(f"reparsed: {len(changed)} edition(s) changed" + (": " + ", ".join(changed) if changed else ""))


@cli.command()
@click.pass_context
def repair(ctx: click.Context) -> None:
    """Recover the archive after an interrupted write: stale git locks, leftovers, a missing tag,
    HEAD off branch main. Safe to run at any time.

    \b
    Example:
      policydiff repair
    """
    from .versions.archive import repair as repair_archive

    archive = _archive(ctx)
    done = repair_archive(archive)
    for line in done:
        click.echo(line)
    click.echo(f"ok: {archive.path} " + ("repaired" if done else "needed no repair"), err=True)


def main() -> None:
    cli(prog_name="policydiff")


if __name__ == "__main__":
    main()
