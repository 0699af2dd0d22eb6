"""Where Dossier may write. Every output (the site folder, the offline zip, the schemas, the
build folder) is checked here before anything is written: never the project or a folder
holding it, never inside the dossier's inputs, never through a symbolic link."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import DossierError, SourceLoc, error


def replace_file(path: Path, data: bytes) -> None:
    """Write path whole or not at all: into a temporary file beside it, then renamed over it
    (a cache read by a later run never holds half a write)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def link_on_the_way(path: Path, root: Path) -> Path | None:
    """The first symbolic link among path and its parents inside root, if any. Dossier
    writes only through real folders of the project: a `build` or `dist` committed as a link
    would otherwise send its writes, and its clean-up of stale files, somewhere else."""
    path, root = Path(os.path.abspath(path)), Path(os.path.abspath(root))
    if not path.is_relative_to(root):
        return None
    for part in [*reversed(path.relative_to(root).parents), path.relative_to(root)]:
        candidate = root / part
        if part != Path(".") and candidate.is_symlink():
            return candidate
    return None


def place_problem(target: Path, root: Path, what: str, protected: dict[str, Path]) -> str | None:
    """Why `target` may not be written, or None, as far as its place goes: a link (the target
    itself, or a folder on the way inside the project), the project or a folder holding it,
    or a path inside one of the protected folders ({label: folder})."""
    target, root = Path(os.path.abspath(target)), Path(os.path.abspath(root))
    link = target if target.is_symlink() else link_on_the_way(target, root)
    if link is not None:
        return f"{what} {target}: {link} is a symbolic link; give a real path (links are not followed)"
    for candidate in {target, target.resolve()}:
        if root.is_relative_to(candidate) or root.resolve().is_relative_to(candidate):
            return f"{what} {candidate} is the project folder or holds it; choose a new one"
        for label, folder in protected.items():
            if candidate.is_relative_to(folder) or candidate.is_relative_to(folder.resolve()):
                return f"{what} {candidate} is inside {label}, which Dossier must not overwrite"
    return None


def inputs_of(root: Path) -> dict[str, Path]:
    """The folders no output may be in: the dossier's inputs and Git's."""
    return {f"{name}/": root / name for name in ("content", "seeds", ".git")}


def refuse(problem: str | None, path: Path) -> None:
    """Stop before anything is written when an output check found a problem."""
    if problem:
        raise DossierError([error("unsafe-output", problem, SourceLoc(str(path), 0, 0))])


def files_folder_problem(folder: Path, root: Path, own) -> str | None:
    """Why a folder of generated files (schemas, exports) may not be written, or None: never
    the project, one of its parents or its inputs, never through a link, never over files
    that `own(name)` does not recognise as ones Dossier writes there."""
    folder = Path(os.path.abspath(folder))
    problem = place_problem(folder, root, "--output", inputs_of(Path(os.path.abspath(root))))
    if problem:
        return problem
    if folder.exists() and not folder.is_dir():
        return f"--output {folder} is a file, not a folder"
    if folder.is_dir():
        others = sorted(p.name for p in folder.iterdir() if not own(p.name))
        if others:
            return (f"--output {folder} holds other files ({', '.join(others[:3])}); give an empty "
                    "folder or one Dossier wrote")
    return None


def write_files(folder: Path, files: dict[str, bytes]) -> list[Path]:
    """Write each file that is new or changed (checked by files_folder_problem first)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in files.items():
        path = folder / name
        if path.is_symlink() or (path.exists() and not path.is_file()):
            raise OSError(f"{path} is not a regular file")
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
        written.append(path)
    return written


def link_problem(path: Path, root: Path) -> str | None:
    link = link_on_the_way(path, root)
    return None if link is None else (f"{link} is a symbolic link; Dossier writes only into real "
                                      "folders of the project: remove the link")
