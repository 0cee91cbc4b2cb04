"""Ministry tags such as ［◎厚、◎経］: codes in charge, ◎ marking the lead ones."""

from __future__ import annotations

import re

from ..model.edition import Ministry

KNOWN_MINISTRIES = {
    "内": "内閣府",
    "内官": "内閣官房",
    "総": "総務省",
    "法": "法務省",
    "外": "外務省",
    "財": "財務省",
    "文": "文部科学省",
    "厚": "厚生労働省",
    "農": "農林水産省",
    "経": "経済産業省",
    "国": "国土交通省",
    "環": "環境省",
    "防": "防衛省",
    "デ": "デジタル庁",
    "こ": "こども家庭庁",
    "復": "復興庁",
    "警": "警察庁",
    "金": "金融庁",
    "消": "消費者庁",
}

# The inside of a tag: 文、◎厚、◎経 (codes are one to three characters, 、-separated).
MINISTRY_LIST_RE = re.compile(r"^\s*◎?\s*[^\s、，,◎［］\[\]]{1,3}(\s*[、，,]\s*◎?\s*[^\s、，,◎［］\[\]]{1,3})*\s*$")
# A sub-heading row's bracket: ［担当省庁については、各プラットフォームに記載の…を参照］
SUBHEADING_TAG_RE = re.compile(r"担当省庁")


def is_ministry_list(inner: str) -> bool:
    return bool(MINISTRY_LIST_RE.match(inner))


def parse_ministries(inner: str) -> tuple[Ministry, ...]:
    """'文、◎厚、◎経' → (文, 厚 lead, 経 lead), in printed order."""
    out = []
    for part in re.split(r"[、，,]", inner):
        part = part.strip()
        if not part:
            continue
        lead = part.startswith("◎")
        out.append(Ministry(code=part.lstrip("◎").strip(), lead=lead))
    return tuple(out)
