"""Generators of the test PDFs under tests/data/pdf/ (run `make fixtures`; see build.py).

No real PDF of the report can be bundled or downloaded, so the bundled report's text is rebuilt as a
table and printed two different ways (Chromium from HTML, reportlab drawn by hand), plus two INVENTED
variants (a 「担当」 column, an FY2022-style header) that are marked synthetic in their metadata and on
their first page. Needs the `fixtures` extra, Debian's chromium and fonts-ipaexfont-gothic.
"""
