"""Independent work split across the machine's cores, where it pays (rendering pages,
converting them to HTML). Workers are forked: they inherit the parent's state (the resolved
dossier, MkDocs' configuration) without copying it through pickle; only results come back.

DOSSIER_WORKERS sets the number of processes (1: none forked). By default there is one per
core, up to 8, once there are at least `min_each` items per worker. Never from a process
running threads (`dossier serve`, whose server and watcher run beside the build): a fork
copies locks that other threads may hold.
"""

from __future__ import annotations

import itertools
import multiprocessing
import multiprocessing.connection
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

MAX_WORKERS = 8


def forking_allowed() -> bool:
    return threading.active_count() == 1 and sys.platform != "win32"


def workers(items: int, min_each: int = 100) -> int:
    if os.environ.get("DOSSIER_WORKERS", "").isdigit():
        wanted = max(1, int(os.environ["DOSSIER_WORKERS"]))
    else:
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
        wanted = min(cores, MAX_WORKERS, max(1, items // max(1, min_each)))
    if wanted > 1 and not forking_allowed():
        return 1
    return max(1, min(wanted, items))


_TASK: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def _run(index: int) -> Any:
    assert _TASK is not None
    func, tasks = _TASK
    return func(tasks[index])


def fork_map(func: Callable[[Any], Any], tasks: Sequence[Any], count: int,
             meanwhile: Callable[[], None] | None = None) -> list[Any]:
    """[func(task) for task in tasks], in count forked processes (in this one if count is 1).
    func may be any callable, a closure included: it is inherited, not pickled; its results
    must pickle. meanwhile: work of this process's own, done while the workers run (after
    the tasks, where there are no workers)."""
    if count <= 1 or len(tasks) <= 1:
        done = [func(task) for task in tasks]
        if meanwhile is not None:
            meanwhile()
        return done
    global _TASK
    _TASK = (func, tasks)
    try:
        with ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("fork")) as pool:
            results = pool.map(_run, range(len(tasks)))  # every task submitted, every worker forked
            if meanwhile is not None:
                meanwhile()
            return list(results)
    finally:
        _TASK = None


def chunks(count: int, workers: int, per_worker: int = 4, most: int | None = None) -> list[range]:
    """range(count) cut into a few pieces per worker, so that no worker waits long at the end,
    of at most `most` items each."""
    size = max(1, count // (workers * per_worker))
    if most:
        size = min(size, most)
    return [range(i, min(i + size, count)) for i in range(0, count, size)]


_LEFT: list | None = None  # in a process that ends without freeing what it made


def ends_without_freeing() -> None:
    """This process ends with os._exit once its work is done (the `dossier` command, a child of
    in_child): what is given to leave_for_exit is then never freed object by object, which
    takes 1.5 s for a resolved dossier of 10,000 sources."""
    global _LEFT
    _LEFT = []


def leave_for_exit(value: object) -> None:
    """Keep value until the process ends, where it ends without freeing it; elsewhere (a
    function called in a longer-lived process) nothing: it is freed as usual."""
    if _LEFT is not None:
        _LEFT.append(value)


def _send_outcome(send, func: Callable[..., Any], *args: Any) -> None:
    """In a forked child: func(*args) or its exception, sent back, then the end of the child."""
    from .errors import DossierError

    ends_without_freeing()
    try:
        outcome = ("ok", func(*args))
    except DossierError as exc:
        outcome = ("error", exc.diagnostics)
    except BaseException as exc:  # noqa: BLE001 - raised again in the parent
        import pickle
        import traceback
        try:
            pickle.loads(pickle.dumps(exc))
            outcome = ("raise", exc)
        except Exception:  # noqa: BLE001 - an exception that does not pickle: its text
            outcome = ("crash", traceback.format_exc())
    send.send(outcome)
    send.close()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)  # nothing to tidy: the result is sent, the parent waits for nothing else


def _received(receive, process) -> Any:
    """What a child of _send_outcome sent: its result, or its exception raised here."""
    from .errors import DossierError

    try:
        kind, value = receive.recv()
    except EOFError:
        process.join()
        raise RuntimeError(f"the child process ended without a result (exit code {process.exitcode})") from None
    finally:
        receive.close()
    process.join()
    if kind == "error":
        raise DossierError(value)
    if kind == "raise":
        raise value
    if kind == "crash":
        raise RuntimeError(f"in the child process:\n{value}")
    return value


def _start(func: Callable[..., Any], *args: Any) -> tuple[Any, Any]:
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_send_outcome, args=(send, func, *args))
    process.start()
    send.close()  # so that the pipe ends when the child does, and no later child inherits it
    return receive, process


def fork_each(func: Callable[[Any], Any], tasks: Sequence[Any], count: int,
              meanwhile: Callable[[], None] | None = None) -> Iterator[tuple[int, Any]]:
    """(index, func(tasks[index])) for every task, each in a forked process of its own, count
    at a time (in this process if count is 1), yielded as soon as it is back so that the
    caller may use it and let it go. Unlike fork_map's workers, which live for several tasks,
    a process ends with its task: what it made goes back to the system at once, and it copies
    only the parts of this process's memory its task reads (reading a Python object writes its
    reference count, which copies the memory page it is on). A task's error is raised here
    once it is back; the other processes are then stopped.

    meanwhile: work of this process's own, called once the last task has started (after the
    last task here): it fills the cores that the last tasks leave idle as they end one by one."""
    if count <= 1 or len(tasks) <= 1:
        for index, task in enumerate(tasks):
            yield index, func(task)
        if meanwhile is not None:
            meanwhile()
        return
    running: dict[tuple[Any, Any], int] = {}
    waiting = iter(range(len(tasks)))
    try:
        for index in itertools.islice(waiting, count):
            running[_start(func, tasks[index])] = index
        if meanwhile is not None and len(tasks) <= count:
            meanwhile()
        while running:
            for receive in multiprocessing.connection.wait([r for r, _ in running]):
                key = next(k for k in running if k[0] is receive)
                index = running.pop(key)
                result = _received(*key)
                following = next(waiting, None)
                if following is not None:
                    running[_start(func, tasks[following])] = following
                    if meanwhile is not None and following == len(tasks) - 1:
                        meanwhile()
                yield index, result
    finally:
        for receive, process in running:  # after an error: the others are not needed
            process.kill()
            process.join()
            receive.close()


def in_child(func: Callable[..., Any], *args: Any) -> Any:
    """func(*args) in a forked process, which exits once it has sent the result back: the
    memory it used is given back to the system at once. (Used to keep a build's model out
    of the process that then runs MkDocs, so the two peaks do not add up.) In this process
    where forking is unsafe or impossible. The child's exception is raised here (a
    DossierError with its diagnostics; another as itself, or as a RuntimeError with the
    child's traceback when it does not pickle)."""
    if not forking_allowed() or os.environ.get("DOSSIER_WORKERS") == "1":
        global _LEFT
        left, _LEFT = _LEFT, None  # here, what func leaves for the process's end is freed as usual
        try:
            return func(*args)
        finally:
            _LEFT = left
    return _received(*_start(func, *args))


STOPPED = object()


def in_child_unless(stop: Any, func: Callable[..., Any], *args: Any) -> Any:
    """in_child(func, *args), unless `stop` (a multiprocessing Connection) has something to
    read first: the child is then killed and STOPPED returned. For work nobody waits for
    (`dossier serve`'s data files, made while the curator reads) that must not delay what
    they do next: func must only compute, never write, since it may be stopped at any point."""
    if not forking_allowed():
        return func(*args) if not stop.poll() else STOPPED
    receive, process = _start(func, *args)
    if stop in multiprocessing.connection.wait([receive, stop]) and not receive.poll():
        process.kill()
        process.join()
        receive.close()
        return STOPPED
    return _received(receive, process)
