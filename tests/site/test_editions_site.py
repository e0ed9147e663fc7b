"""One edition per variant of the convenience-services procedure: its page shows the seed's lists.

The seed (../shared/seeds/000_895eea941e0aa032.txt) holds four versions of the procedure; editions
market-development, service-centre and public-affairs choose 第1篇, 第2篇 and 第4篇. The page of each
edition's build must list that version's paid and free services, its notice channels and records,
name its responsible department, and every role in its responsibilities table must be one the seed
version names.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

SEED = ROOT.parent / "shared" / "seeds" / "000_895eea941e0aa032.txt"
EDITIONS = {"market-development": ("第1篇", "市场拓展部版"), "service-centre": ("第2篇", "管理处版（客户服务中心）"),
            "public-affairs": ("第4篇", "公共事务部版（第4篇）")}
PAGE = "procedures/convenience-services/index.html"

pytestmark = pytest.mark.skipif(not SEED.is_file(), reason="the seed texts are not next to the repository")


def seed_block(part: str) -> str:
    """The text of one 篇 of the seed, up to the next."""
    text = SEED.read_text(encoding="utf-8")
    start = text.index(f"\n{part} ")
    end = text.find("\n第", start + 5)
    return text[start:end if end > 0 else None]


def seed_list(block: str, head: str) -> list[str]:
    """The items listed under the numbered line starting with ``head`` (e.g. "4.2.3便民")."""
    lines = block.splitlines()
    at = next(i for i, line in enumerate(lines) if line.replace(" ", "").startswith(head))
    items = []
    for line in lines[at + 1:]:
        if re.match(r"^\d+\.\d", line.replace(" ", "")):
            break
        items.append(norm(re.sub(r"^[a-z]\)", "", line)))
    return [i for i in items if i]


TYPOS = {"小区人口": "小区入口"}  # corrected in the sources (the procedure's notes list them)


def norm(text: str) -> str:
    """Compare list items and titles without punctuation, brackets and the seed's site names."""
    for typo, fixed in TYPOS.items():
        text = text.replace(typo, fixed)
    return re.sub(r"[《》()（）、；;。.,，\s]|加州城市花园|各类", "", text)


def page_list(page: str, lead: str) -> list[str]:
    match = re.search(rf'hb-step__text">{lead}</p>\s*<ol class="hb-items">(.*?)</ol>', page, re.S)
    assert match, f"no list after {lead}"
    return [norm(html.unescape(x)) for x in re.findall(r"<li>(.*?)</li>", match.group(1))]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    pages = {}
    for name in EDITIONS:
        out = tmp_path_factory.mktemp(name) / "site"
        run = run_cli("build", "--edition", name, "--no-pdf", "--out", str(out))
        assert run.code == 0, run.text
        pages[name] = (out / PAGE).read_text(encoding="utf-8")
    return pages


@pytest.mark.parametrize("edition", sorted(EDITIONS))
def test_edition_page_has_its_seed_versions_lists(built: dict[str, str], edition: str) -> None:
    part, variant = EDITIONS[edition]
    block, page = seed_block(part), built[edition]
    assert f'data-variant="{html.escape(variant)}"' in page  # the page says which version it follows
    assert page_list(page, "便民服务项目可包含但不限于下列几种：") == seed_list(block, "4.2.3")
    assert page_list(page, "便民服务项目公告方式可采用下列方式：") == seed_list(block, "4.2.2")
    if "4.2.4无偿" in block:
        assert page_list(page, "无偿便民服务项目可包含但不限于下列几种：") == seed_list(block, "4.2.4无偿")
    else:
        assert "无偿便民服务项目可包含" not in page
    owner = re.search(r"<dt>归口部门</dt>\s*<dd>(?:<a [^>]*>)?([^<]+)<", page)
    assert owner and owner.group(1) in block, owner
    duties = page[page.index('id="sec-responsibilities"'):]
    duties = duties[:duties.index("</table>")]
    roles = re.findall(r'hb-badge--role">([^<]+)<', duties)
    assert len(roles) >= 5
    assert [r for r in roles if r not in block] == [], f"roles the seed's {part} does not name"
    if "5.0记录" in block:
        records = block[block.index("5.0记录"):block.index("6.0")]
        wanted = {norm(t) for t in re.findall(r"《(.+?)》(?:。)?$", records, re.M)}
        shown = {norm(html.unescape(t)) for t in re.findall(r'forms/[a-z0-9-]+/index.html">([^<]+)</a>》</td>', page)}
        assert wanted and wanted <= shown, wanted - shown


def without_notes(page: str) -> str:
    """The page without its 编写说明 (notes quote the seeds as they were: 「原文4.1.2 …公共事务部负责…」)."""
    start = page.index('id="sec-notes"')
    end = page.find('id="sec-', start + 10)
    return page[:start] + (page[end:] if end > 0 else "")


def test_editions_differ_only_where_their_seeds_do(built: dict[str, str]) -> None:
    """The company name and code prefix are the edition's; no other edition's names leak in (the notes
    about the seeds keep the seeds' own names, generator.model.edition_view.QUOTED_FIELDS)."""
    assert "SLJW/QP-001" in built["market-development"] and "LYWG/" not in built["market-development"]
    assert "公共事务部" not in without_notes(built["market-development"])
    assert "正文依据第4篇（管理处 + 公共事务部版" in built["market-development"]  # a note, quoted as written
    centre, affairs = without_notes(built["service-centre"]), without_notes(built["public-affairs"])
    assert "客户服务中心主任" in centre and "公共事务部主管" not in centre
    assert "管理处经理" in affairs and "管理处主任" not in affairs
    # the note says what the seed wrote and what the body writes; renamed, it said 「管理处经理」写作「管理处经理」
    assert '原文&#34;管理处经理&#34;写作&#34;管理处主任&#34;' in built["public-affairs"]
    assert "示例丙物业服务有限公司" in built["public-affairs"]
