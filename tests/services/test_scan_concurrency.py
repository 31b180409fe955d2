"""Many writers at once: every answer is stored exactly once."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from inclusief.services import invitations, scan
from inclusief.store.tables import Answer

THREADS, ANSWERS = 50, 40


@pytest.mark.slow
def test_50_threads_x_40_answers(store, consultant, new_scan, werkgeversscan) -> None:
    items = [item.id for _d, item, _s in werkgeversscan.iter_items()][:ANSWERS]
    assert len(items) == ANSWERS
    scans = [new_scan(consultant) for _ in range(THREADS)]
    employers = [
        invitations.open_by_token(
            invitations.create_invitation(
                actor=consultant, assessment_id=s.assessment_id, store=store
            ),
            store=store,
        )
        for s in scans
    ]
    start = threading.Barrier(THREADS)

    def writer(n: int) -> None:
        start.wait()
        for k, item_id in enumerate(items):
            scan.save_answer(
                actor=employers[n],
                assessment_id=scans[n].assessment_id,
                item_id=item_id,
                value=1 + (n + k) % 5,
                store=store,
            )

    with ThreadPoolExecutor(THREADS) as pool:
        for future in [pool.submit(writer, n) for n in range(THREADS)]:
            future.result()  # re-raises any error from a thread

    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Answer)) == THREADS * ANSWERS
    for n in (0, THREADS - 1):
        answers = scan.answers_of(
            actor=consultant, assessment_id=scans[n].assessment_id, store=store
        )
        assert answers == {item_id: 1 + (n + k) % 5 for k, item_id in enumerate(items)}


@pytest.mark.slow
def test_same_item_from_many_threads_keeps_one_row(store, consultant, new_scan) -> None:
    """Two tabs saving the same new answer at once: one row, one of the values, no error."""
    made = new_scan(consultant)
    threads = 20
    start = threading.Barrier(threads)

    def writer(n: int) -> None:
        start.wait()
        scan.save_answer(
            actor=consultant,
            assessment_id=made.assessment_id,
            item_id="dr01",
            value=1 + n % 5,
            store=store,
        )

    with ThreadPoolExecutor(threads) as pool:
        for future in [pool.submit(writer, n) for n in range(threads)]:
            future.result()
    with store.session() as s:
        rows = list(s.scalars(select(Answer).where(Answer.assessment_id == made.assessment_id)))
    assert len(rows) == 1
    assert rows[0].value in range(1, 6)
