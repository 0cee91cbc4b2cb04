"""What each reading of a line costs in the dense reader's model (lower is likelier).

The costs are weights of evidence, not probabilities: each says how strongly what a line says or how wide it is
speaks against a reading (a paragraph going on after a short line, a results cell with no bullet, a line wider
than its column). The model (dense_lattice.py and the modules it reads rows with) adds them up and the search
keeps the cheapest reading of the whole text; readings within a few tenths of each other are doubtful.
"""

from __future__ import annotations

CONT_AFTER_SHORT = 4.0  # a paragraph going on after a line that stopped short
CONT_AFTER_OPEN = 2.0  # ... after a short results or plans line stopping mid-word (「…事務局として」): it ends no
# paragraph (a Latin word that did not fit, 「6NC」, left it short), so its sentence going on costs less than the
# next cell opening there with no bullet (END_OPEN + CELL_NO_BULLET)
CONT_AFTER_STOP = 0.2  # ... after a full line that ended a sentence
END_AFTER_FULL = 2.5  # a paragraph (or cell) ending with a full line that ends no sentence
END_AFTER_STOP = 0.3
END_OPEN = 1.5  # a results or plans paragraph ending with a short line that stops mid-word (「…連携するこ」)
# ... or with a sentence it began after a full line's 。 and never ended (「…検討を行った。」 / 「新興国・…産業のマッ」:
# that line is the next row's title, printed right after the cell). Of the 690 results and plans paragraphs of
# the three editions generated, 3 end so, each in a comma that leads bullets in (「…を行った。具体的には、」)
END_UNENDED = 1.5
# ... or with a short line ending in a heading's word and no 。 (「…ライン・ルールの整備」): no results or plans bullet of
# the three editions generated ends so; it is the next row's title, printed after the cell's last line (「…論点の整理に
# 引き続き取り組む」 / 「医療機器の研究開発に関するガイド」 / 「ライン・ルールの整備」)
HEADING_ENDS = 2.0
LEAD_IN_ENDS_CELL = 1.5  # a results or plans cell ending in a short line's comma: it leads in bullets, in its own cell
END_NEARLY_FULL = 1.0  # a paragraph ending with a line a cell short of full (dense_roles.NEARLY_FULL)
CONT_NEARLY_FULL = 0.8  # a paragraph going on after such a line
SPLICED = 2.0  # a paragraph going on after its line's 。 with a line that opens mid-word (dense_pieces.MID_WORD_RE)
BULLET_GOES_ON = 2.5  # a line starting with a bullet mark read as going on with a sentence
NO_BULLET = 2.5  # a results or plans paragraph that starts with no bullet
CELL_NO_BULLET = 1.0  # a results or plans cell whose first line has no bullet (「後継事業の予定無し」)
ITEM_OPENS = 1.5  # ... whose first line is an item ①: a description's (results list items after a first paragraph)
DESC_PARAGRAPH = 3.5  # a second paragraph in a description before its tag (items ① cost nothing)
AFTER_TAG = 3.0  # description text after its tag that is no item ①
ITEM_NO_MARK = 3.0
UNTAGGED = 3.0  # a description cell left without its ministry tag
SECOND_TAG = 3.0  # a ministry tag closed in a description's items (after its own tag): another row's description
MISSING = 2.0  # a measure row without results, or without plans
MISSING_OFFICE = 1.0
SKIP = 2.5  # a cell skipped (empty) between two others
UNTITLED = 0.5  # a row without a title (a quarter of the report's rows)
OFFICE_AS_TITLE = 2.0  # a title that reads as an office's name (…課, …室), where the table has a 「担当」 column
OFFICE_ELSEWHERE = 1.0  # a short line naming an office (「経産省ヘルスケア産業課医」) read in another column
NOUN_END = 0.5  # a short paragraph ending in a noun (「…において１件の課題を採択」) read as a plan (or a full one
# ending in a noun the document shows ends paragraphs, dense_tails)
BARE_TAG = 1.0  # a row opening with a ministry tag and no words before it (「［◎経］」): a description's last line
ROW_BULLET = 4.0  # a row whose first line is a bullet
ITEM_ORDER = 2.0  # an item ④ that does not follow ③ in its cell (or ① that opens none): a cell's items run in order
PARTICLE_OPENS = 2.0  # a row or a cell whose first line opens with a particle (「の設置」): the line before's words
MID_QUOTE = 3.0  # a row whose first line closes a quote it did not open (「チャー・サミット」による…」)
QUOTE_AFTER_STOP = 1.5  # ... or going on in a cell whose last line was full at a sentence's end (it left none open)
QUOTE_ELSEWHERE = 3.0  # ... a line closing the quote the line before left open read in another cell (dense_quotes)
TITLE_FULL_END = 1.2  # a title ending with a full line (the description on the next)
TITLE_WORD_END = 0.8  # ... less when it ends in a heading's word (「…の育成」)
TITLE_GOES_ON = 1.5  # ... more when the next line goes on a word or a sentence (「ることが…」)
TITLE_LONGEST = 46.0  # cells: the report's longest title holds 43
TITLE_TOO_LONG = 2.5  # a title longer than that
TITLE_ONLY = 0.3  # a row ending with a title, no description (「保険導入の手引きの作成」): paid at its end (a page break)
TITLE_ALONE = 2.0  # a row of nothing but a title
ITEM_TEXT = 0.5  # a paragraph of an item ① with no mark of its own (its explanation)
RESUME_BULLET_AFTER_OPEN = 1.0  # after a page break, a bullet in a cell whose last line ran on
DESC_AFTER_CUT_TITLE = 0.0  # after a page break, a description whose cell held only its title (a cut as any other)
RESUME_FRESH = 3.0  # after a page break, a cell that had no line on the page before
RESUME_OPEN = 0.2  # after a page break, a results or plans cell going on from a short line left open (「…案件９」)
CUT_SHORT = 2.0  # after a page break, a cell going on that printed CUT_LINES fewer lines before it than the fullest
CUT_LINES = 2
IMPLICIT_BREAK = 3.0  # a page break the text does not mark (no header, number or title between)
UNFIT = 8.0  # a line wider than the column it must be in
BUDGET_YEAR = 1.5  # a budget of next year (or a request 予算案) in the results, or of this year in the plans
NOUN_THEN_VERB = 2.0  # a line opening with a verb's ending (「ることが」) going on from a heading's noun (「…の育成」)
OFFICE_CUT = 1.5  # a 「担当」 cell whose first line names no ministry (「ア産業課医療・」): its start read elsewhere
OFFICE_START_ELSEWHERE = 1.0  # ... and an office's first line (「経産省ヘルスケ」) read in another cell
GROUP_ENDS_CELL = 1.5  # a results or plans cell ending with a group heading (「（アジア健康構想）」) that heads nothing
GROUP_LEFT = 1.5  # ... or a bullet opening with its words (「・アジア健康構想において、…」) read in another cell
BULLET_IN_DESCRIPTION = 2.0  # a bullet 「・」 read in a description (or its items, or its title)
TENSE = 1.5  # a sentence ending as a plan (「…する。」, 「…予定。」) in the results, or as a result (「…した。」) in the plans
PAST_AHEAD = 0.8  # a line whose sentence ends 「…した。」 a line or two on, read in a description (dense_ahead)
LEAD_IN_GOES_ON = 1.5  # a list's lead-in (「…において、」 / 「・…」) going on in a cell after its paragraph's 。 (dense_ahead)
REPEATED = 2.0  # a line going on in the cell of the line before that it repeats word for word (dense_ahead)
NOUN_STOP = 0.7  # a sentence ending in a noun (「…を開催。」) read in the plans: results report so, plans seldom
