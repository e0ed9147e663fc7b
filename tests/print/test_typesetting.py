"""Chinese line breaking: no line starts with closing punctuation, none ends with opening punctuation."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from generator.render.print.fetch import TEMPLATES
from generator.render.print.fontpack import font_faces_css
from generator.render.print.fonts import load_fonts
from generator.render.print.pdf import render_document

CLOSING = set("，。、；：？！）》」』】〉”’")
OPENING = set("（《「『【〈“‘")
PARAGRAPH = ("业主（住户）提出求助后，总服务台员工应立即回复；解决不了的，应向服务处主管请示。"
             "如需派工，须填写《客户需求处理单》，注明收费标准：“维修费＋材料费”！是否需要回访？"
             "需要。回访结果记入《住户求助登记表》（存根联）。「注意」：费用已收讫，【重要】请签名。")


def column_lines(tmp_path: Path, text: str, widths: range) -> list[str]:
    """``text`` set in one justified 10.5 pt column per width (mm), through render_document; its lines."""
    css = (TEMPLATES / "base.css").read_text(encoding="utf-8")
    columns = "".join(f'<p style="width: {w}mm; margin-bottom: 6mm">{text}</p>' for w in widths)
    html = (f"<html lang='zh-CN'><head><style>{css} @page {{ size: A3; margin: 10mm }} "
            f"p {{ font-size: 10.5pt; text-align: justify }}</style></head><body>{columns}</body></html>")
    path = tmp_path / "lines.pdf"
    render_document(html, font_faces_css(load_fonts(), html), tmp_path).write_pdf(path)
    with pdfplumber.open(path) as pdf:
        return [line["text"].replace(" ", "") for page in pdf.pages for line in page.extract_text_lines()]


def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(tmp_path: Path) -> None:
    lines = column_lines(tmp_path, PARAGRAPH, range(24, 71, 3))
    assert len(lines) > 150  # 16 paragraphs of 4-10 lines: the rule is exercised at many break points
    assert any(line[-1] in CLOSING for line in lines)  # closing marks do reach line ends (hang or push)
    starts = [line for line in lines if line[0] in CLOSING]
    ends = [line for line in lines if line[-1] in OPENING]
    assert not starts and not ends, (starts, ends)


UNITS_TEXT = ("物业服务费1.98元/平方米·月，停车150元/辆·月，电费0.5283元/千瓦时，依据LYWG/QP-010和"
              "发改价检〔2004〕1428号，允许区间1.62–1.98元，浮动±10%，草稿 · 示例，北京—上海，维修费/材料费。")
ATOMS = ("1.98元/平方米·月", "150元/辆·月", "0.5283元/千瓦时", "LYWG/QP-010", "〔2004〕1428号", "1.62–1.98元", "±10%")


def test_units_codes_and_joining_marks_never_break(tmp_path: Path) -> None:
    """GB/T 15834: no line starts with 间隔号, 连接号 or 分隔号; units, codes, ranges stay whole (linebreak.glue)."""
    lines = column_lines(tmp_path, UNITS_TEXT, range(22, 71, 2))
    assert len(lines) > 100
    starts = [line for line in lines if line[0] in "·–—/-～" or line[0] in CLOSING]
    assert not starts, starts
    text = "\n".join(lines)
    for atom in ATOMS:
        assert text.count(atom) == 25, (atom, text.count(atom))  # once per column, never split


def test_glue_touches_text_only() -> None:
    """Attributes, <title> and <style> keep their text; data: URIs and addresses are left whole."""
    from generator.render.print.linebreak import glue

    html = ('<html><head><title>LYWG/QP-010</title><style>.a-b { x: 1 }</style></head>'
            '<body><h2 data-code="LYWG/QP-010">见 LYWG/QP-010</h2><img src="data:image/svg+xml;base64,AB/CD">'
            '<p>20 元/平方米·月 https://x.cn/a-b/</p></body></html>')
    out = glue(html)
    assert '<title>LYWG/QP-010</title>' in out and '.a-b { x: 1 }' in out
    assert 'data-code="LYWG/QP-010"' in out and 'src="data:image/svg+xml;base64,AB/CD"' in out
    assert '见 <span class="nb">LYWG/QP-010</span>' in out
    assert '<span class="nb">20 元/平方米·月</span> https://x.cn/a-b/' in out
