"""Program names (「…事業」) and explicit successions (「Aの後継事業となるB」) in bullet text."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from ..model.edition import Succession

Locate = Callable[[int], tuple[int, int]]  # offset in the bullet text → (page, line)

OPEN_QUOTES = "「｢＜"  # ＜次世代医療機器・再生医療等製品評価指標作成事業＞ (line 618)
CLOSE_QUOTES = "」｣＞"
_STOP = "、。，「｢」｣＜＞ 　：:；;"
# Words that open a name but are not part of it: （いずれも医工連携イノベーション推進事業として…）
_LEADING_NOISE_RE = re.compile(r"^(?:[（(][^（）()]*[）)]|いずれも|引き続き|また|今後も|(?:令和|平成)[0-9０-９元]{1,2}年度(?:の|に|は|から|より)?)+")
# 同事業, これらの事業, 後継事業, 当該事業: references, not names.
_GENERIC_RE = re.compile(r"^(?:同|当該|これら|本|その|各|後継|新規|他|既存|委託|補助|関連)")
# A budget parenthetical inside a quoted name: 「X（令和7年度予算案：6.0億円）」
_BUDGET_PAREN_RE = re.compile(r"[（(][^（）()]*(?:予算|億円|百万円|千円|万円)[^（）()]*[）)]$")
# 事業 used as a name's end, i.e. followed by a particle or punctuation (not 事業化, 事業者, 事業費).
_UNQUOTED_END_RE = re.compile(r"事業(?=において|を通じ|にて|を活用|で|により|として|の後継|は|が|、|。|（|\(|$)")
# Aの後継事業となるB / Aの後継となる、B / 「A」の後継である、「B」
SUCCESSION_RE = re.compile(r"の後継(?:事業)?(?:となる|である)、?")
# 「B」（旧「A」） / 「A」から「B」に改称・名称変更
FORMERLY_RE = re.compile(r"[「｢]([^「」｢｣]+)[」｣]\s*[（(]旧\s*[「｢]?([^「」｢｣（）()]+)[」｣]?[）)]")
RENAMED_RE = re.compile(r"[「｢]([^「」｢｣]+)[」｣](?:から|を)[「｢]([^「」｢｣]+)[」｣](?:に|へ)(?:改称|名称変更)")
# Bounds that keep hostile text linear (fuzz input: 「X事業」（旧「Y事業」） repeated over a 100,000-character
# line gave 7,707 successions each citing the whole line: 362 KB of input, 2 GB of XML). The seed's
# longest program name has 42 characters and its longest evidence sentence 185.
NAME_MAX = 100  # a longer "name" is a run of text, not a program name
NAME_WINDOW = 1000  # how far before (or after) a statement a name is looked for
EVIDENCE_SIDE = 200  # of the sentence on each side of the statement (the seed needs 51 before, 135 after)
_NAME_CUE_END_RE = re.compile(r"(として|[（(])$")  # 「X事業として」, 「X事業（」: the cue after a name
_CLAUSE_SPLIT_RE = re.compile(r"となる、?|である、?")  # 「…の後継事業となるX事業」: the name is after となる
# A quoted span: an opening quote, no other quote, a closing one (the last opening quote before a close
# wins: 「「X事業」 reads X事業). One regex pass, where a Python loop ran over every character of a bullet.
_QUOTED_RE = re.compile(f"[{OPEN_QUOTES}]([^{OPEN_QUOTES}{CLOSE_QUOTES}]*)[{CLOSE_QUOTES}]")
_PROGRAM_END_RE = re.compile(r"事業(?:[（(][^（）()]*[）)])?$")  # a name that ends as a program's: …事業（仮称）
# The text after the last stop character or opening bracket, when it holds no closing bracket.
_PLAIN_TAIL_RE = re.compile("(?:^|[" + re.escape(_STOP) + "（(])([^" + re.escape(_STOP) + "（()）]*)\\Z")
_NEW_NAME_RE = re.compile(r"^([^、。「」｢｣（(]*?事業(?:[（(][^（）()]*[）)])?)(?=として|において|を通じ|にて|により|[、。（(「｢]|$)")


def clean_name(name: str) -> str | None:
    name = name.strip().lstrip("・").strip()
    name = _LEADING_NOISE_RE.sub("", name)
    name = _BUDGET_PAREN_RE.sub("", name).strip()
    if not 4 <= len(name) <= NAME_MAX or _GENERIC_RE.match(name):
        return None
    return name


def before(text: str, end: int) -> str:
    """The text a name ending at END may come from: a window, so that many mentions stay linear."""
    return text[max(0, end - NAME_WINDOW) : end]


def name_before(prefix: str) -> str | None:
    """The program name that ends a text: 「X」, X事業（…）, or the clause after the last となる."""
    s = prefix[-NAME_WINDOW:].rstrip(" 　")
    s = _NAME_CUE_END_RE.sub("", s).rstrip(" 　")
    if s.endswith(tuple(CLOSE_QUOTES)):
        s = s.rstrip(CLOSE_QUOTES)
        start = max(s.rfind(q) for q in OPEN_QUOTES)
        return clean_name(s[start + 1 :]) if start >= 0 else None
    i = _name_start(s)
    name = _CLAUSE_SPLIT_RE.split(s[i:])[-1]
    return clean_name(name)


def _name_start(s: str) -> int:
    """Where a name ending S starts: after the last stop character or unclosed opening bracket, a closed
    bracket pair 「（…）」 kept whole. Most names hold no closing bracket after their last stop: one regex
    search finds the start, where a Python loop stepped back over every character (name_before was
    called 80,000 times on a 10,000-measure pair)."""
    m = _PLAIN_TAIL_RE.search(s)
    return m.start(1) if m else _name_start_walk(s)


def _name_start_walk(s: str) -> int:
    """_name_start by stepping back over every character: the rule itself, which the regex above only
    shortcuts (tests/test_fast_paths.py checks the two agree)."""
    depth, i = 0, len(s)
    while i > 0:
        c = s[i - 1]
        if c in "）)":
            depth += 1
        elif c in "（(":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and c in _STOP:
            break
        i -= 1
    return i


def name_after(suffix: str) -> str | None:
    s = suffix[:NAME_WINDOW].lstrip(" 　")
    if s[:1] and s[0] in OPEN_QUOTES:
        end = min((s.find(q, 1) for q in CLOSE_QUOTES if s.find(q, 1) > 0), default=-1)
        return clean_name(s[1:end]) if end > 0 else None
    m = _NEW_NAME_RE.match(s)
    return clean_name(m.group(1)) if m else None


def _quoted_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, inner text) of each quoted span, in text order, disjoint."""
    return [(m.start(), m.end(), m.group(1)) for m in _QUOTED_RE.finditer(text)]


def find_programs(text: str) -> list[tuple[int, str]]:
    """(offset, name) for every program the text names, quoted or not."""
    if "事業" not in text:  # every name ends in 事業: most bullets name none
        return []
    found: list[tuple[int, str]] = []
    spans = _quoted_spans(text)
    for start, _, inner in spans:
        name = clean_name(inner)
        if name and _PROGRAM_END_RE.search(name):
            found.append((start, name))
    starts = [s for s, _, _ in spans]
    for m in _UNQUOTED_END_RE.finditer(text):
        end = m.start() + 2
        k = bisect.bisect_left(starts, end) - 1  # the last span starting before END (spans are disjoint)
        if k >= 0 and end <= spans[k][1]:
            continue
        name = name_before(before(text, end))
        if name and name.endswith("事業"):
            found.append((end - len(name), name))
    return sorted(set(found))


def sentence_at(text: str, offset: int) -> str:
    """The sentence around OFFSET, at most EVIDENCE_SIDE characters on each side of it."""
    lo = max(0, offset - EVIDENCE_SIDE)
    cut = text.rfind("。", lo, offset)
    start = cut + 1 if cut >= 0 else lo
    end = text.find("。", offset, offset + EVIDENCE_SIDE)
    stop = end + 1 if end >= 0 else min(len(text), offset + EVIDENCE_SIDE)
    return text[start:stop].strip().lstrip("・").strip()


def find_successions(text: str, locate: Locate) -> list[Succession]:
    out: list[Succession] = []
    if "の後継" not in text and "旧" not in text and "改称" not in text and "名称変更" not in text:
        return out  # what each statement below needs (most bullets state none)
    for m in SUCCESSION_RE.finditer(text):
        old, new = name_before(before(text, m.start())), name_after(text[m.end() : m.end() + NAME_WINDOW])
        if old and new and old != new:
            page, line = locate(m.start() + 1)
            out.append(Succession(old, new, sentence_at(text, m.start()), page, line))
    for m in FORMERLY_RE.finditer(text):
        page, line = locate(m.start())
        out.append(Succession(m.group(2).strip(), m.group(1).strip(), sentence_at(text, m.start()), page, line))
    for m in RENAMED_RE.finditer(text):
        page, line = locate(m.start())
        out.append(Succession(m.group(1).strip(), m.group(2).strip(), sentence_at(text, m.start()), page, line))
    return out
