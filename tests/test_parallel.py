"""parallel.py: work split across forked processes gives the same results, in order, as
doing it here, and a worker's failure reaches the caller as the error it was."""

from __future__ import annotations

import os

import pytest

from builder.core.errors import DossierError, SourceLoc, error
from builder.core.parallel import fork_each, fork_map, forking_allowed, in_child


def _pid_and_square(n: int) -> tuple[int, int]:
    return os.getpid(), n * n


def test_each_task_runs_in_a_process_of_its_own_and_comes_back_with_its_index():
    done = dict(fork_each(_pid_and_square, list(range(7)), 2))
    assert sorted(done) == list(range(7))
    assert [done[n][1] for n in range(7)] == [n * n for n in range(7)]
    pids = [pid for pid, _ in done.values()]
    assert os.getpid() not in pids
    assert len(set(pids)) == 7  # a process per task: none is reused


def test_a_pool_of_workers_gives_the_same_results():
    assert [s for _, s in fork_map(_pid_and_square, list(range(7)), 2)] == [n * n for n in range(7)]


def test_one_worker_means_no_process_at_all():
    assert {pid for _, (pid, _) in fork_each(_pid_and_square, [1, 2, 3], 1)} == {os.getpid()}


@pytest.mark.parametrize("count, tasks", [(2, 7), (2, 2), (3, 2), (1, 4)])
def test_the_callers_own_work_runs_once_when_the_last_task_has_started(count, tasks):
    """The data files are made in the parent while the last tasks run (render.py)."""
    seen: list[int] = []
    calls: list[int] = []
    for index, _ in fork_each(_pid_and_square, list(range(tasks)), count, lambda: calls.append(len(seen))):
        seen.append(index)
    assert sorted(seen) == list(range(tasks))
    assert len(calls) == 1
    # with forked tasks, as soon as the last one has started: it starts when the result of the
    # (tasks - count)th is back, before that result is given; in this process, after the last
    assert calls[0] == (tasks if count == 1 else max(0, tasks - count - 1))


@pytest.mark.parametrize("count", [1, 2])
def test_a_pools_caller_does_its_own_work_while_the_workers_run(count):
    """The data files are made while the previous build's dependencies are fingerprinted."""
    calls: list[int] = []
    done = fork_map(_pid_and_square, list(range(5)), count, lambda: calls.append(os.getpid()))
    assert [s for _, s in done] == [n * n for n in range(5)]
    assert calls == [os.getpid()]  # once, in this process
    assert (os.getpid() in {pid for pid, _ in done}) == (count == 1)


def _fails_on_three(n: int) -> int:
    if n == 3:
        raise DossierError([error("bad-thing", "task three is wrong", SourceLoc("content/x.yml", 2, 5))])
    return n


def test_a_tasks_dossier_error_reaches_the_caller_with_its_diagnostics():
    with pytest.raises(DossierError) as caught:
        list(fork_each(_fails_on_three, list(range(6)), 2))
    [diagnostic] = caught.value.diagnostics
    assert (diagnostic.code, diagnostic.message, str(diagnostic.loc)) == (
        "bad-thing", "task three is wrong", "content/x.yml:2:5")


def _raises_value_error(n: int) -> int:
    raise ValueError(f"no good: {n}")


def test_another_exception_is_raised_as_itself():
    with pytest.raises(ValueError, match="no good: 0"):
        list(fork_each(_raises_value_error, [0, 1], 2))


def _dies(n: int) -> int:
    if n == 1:
        os._exit(3)  # as if killed: no result is sent
    return n


def test_a_process_that_dies_without_a_result_is_an_error_not_a_hang():
    with pytest.raises(RuntimeError, match="exit code 3"):
        list(fork_each(_dies, [0, 1, 2], 2))


def test_in_child_returns_what_the_child_computed():
    pid, square = in_child(_pid_and_square, 12)
    assert square == 144
    # in a child, unless threads run here (as after a browser test), where forking is unsafe
    assert (pid != os.getpid()) == forking_allowed()


def _slow(seconds: float) -> str:
    import time
    time.sleep(seconds)
    return "done"


def test_work_in_a_child_is_stopped_when_an_order_comes_and_given_back_otherwise():
    """`dossier serve` makes its data files in a child while the curator reads: an edit
    (a message on the orders pipe) stops it at once instead of waiting for it."""
    import multiprocessing
    import time

    from builder.core.parallel import STOPPED, in_child_unless

    ours, theirs = multiprocessing.Pipe()
    assert in_child_unless(ours, _slow, 0.0) == "done"
    start = time.perf_counter()
    theirs.send("build")
    assert in_child_unless(ours, _slow, 30.0) is STOPPED
    assert time.perf_counter() - start < 10
    assert ours.recv() == "build"  # the order is still there for the caller to read
    with pytest.raises(ValueError, match="no good: 7"):
        in_child_unless(ours, _raises_value_error, 7)
