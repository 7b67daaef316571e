"""parallel.run: every item done exactly once, in this process or a forked worker."""

from __future__ import annotations

import os

import pytest

from cityedu_site import parallel


def square_with_pid(offset: int, item: int) -> tuple[int, int, int]:
    return item, item * item + offset, os.getpid()


@pytest.mark.parametrize("count", [0, 1, 399, 400, 1001])
def test_every_item_once_with_its_own_result(count):
    results = list(parallel.run(square_with_pid, 7, range(count), workers=2))
    assert sorted(item for item, _, _ in results) == list(range(count))
    assert all(value == item * item + 7 for item, value, _ in results)


def test_big_work_is_shared_between_this_process_and_a_worker():
    pids = [pid for _, _, pid in parallel.run(square_with_pid, 0, range(1000), workers=2)]
    mine = pids.count(os.getpid())
    assert 0 < mine < len(pids)  # this process did a share, a forked worker the rest
    assert len(set(pids)) == 2


def test_small_work_stays_in_this_process():
    pids = {pid for _, _, pid in parallel.run(square_with_pid, 0, range(100), workers=2)}
    assert pids == {os.getpid()}
