"""Last year's summaries a user may hand to --previous (or upload in the web page) that must be refused: each is
refused by the command with its Chinese message, and a text longer than a cell without the part being inflated
whole (it was held whole first: a part of a gigabyte took gigabytes)."""

from __future__ import annotations

import pytest

import hostile
from fuzz_support import assert_behaved, shuzhi
from shuzhi_xl.consolidate.followup import previous_problems
from shuzhi_xl.errors import WorkbookError


@pytest.mark.parametrize("case", hostile.SUMMARIES, ids=lambda case: case.name)
def test_a_hostile_summary_is_refused_by_consolidate(tmp_path, case):
    previous = tmp_path / case.name
    previous.write_bytes(case.make())
    folder = tmp_path / "各支部"
    folder.mkdir()
    (folder / "支部.xlsx").write_bytes(hostile.sample_bytes())
    run = shuzhi("consolidate", folder, "-o", tmp_path / "汇总.xlsx", "--previous", previous)
    assert_behaved(run, {2}, case.says, case.name)
    assert case.name in run.stderr and "问题汇总" in run.stderr


def test_a_text_longer_than_a_cell_is_refused_in_bounded_memory(tmp_path):
    path = tmp_path / "previous-overlong-text.xlsx"
    path.write_bytes(hostile.made(hostile.SUMMARIES, path.name))
    with hostile.PeakMemory() as memory, pytest.raises(WorkbookError, match="超长的单元格文字"):
        previous_problems(path)
    assert memory.peak < hostile.OVERLONG_TEXT / 8  # a few pieces of the part, not the part (64 MB)
