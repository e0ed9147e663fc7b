"""Every entry of a source folder accounted for: loaded, or reported with why it is not.

Notepad saves ``renovation.yaml.txt``, Windows shows ``.YAML``, people keep ``x.yaml.bak``; a
folder can be named ``x.yaml``; a symlink can dangle, loop, or lead out of the project (a file
outside would be published). None of these may vanish silently: each is a finding (SRC030–SRC035),
and only regular ``.yaml``/``.yml`` files inside the project are read.

The files an editor makes by itself while a file is open or saved — backups, autosaves, locks, swap
and probe files (``editor_leftover``) — are not the user's and come and go with every save: they are
skipped, here and by the preview's watcher (generator.preview.watch), never reported.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path

from generator.findings import Finding
from generator.model.base import Position

SUFFIXES = (".yaml", ".yml")
_BACKUP = (".bak", ".orig", ".old", ".tmp", ".rej", ".save", ".backup", ".copy")
_VIM_SWAP = re.compile(r"^\..*\.sw[a-p]$|\.sw[po]$")  # vim's swap files: .x.yaml.swp, then .swo, .swn …
_VIM_PROBE = 4913  # vim writes 4913 (then 5036, 5159, …: +123) to test that it may write the folder
_LEFTOVER_SUFFIXES = (".kate-swp", "___jb_tmp___", "___jb_old___")  # Kate swap; JetBrains safe write
_LEFTOVER_PREFIXES = (".goutputstream-", ".~lock.", "~$")  # gedit/GIO temporary; LibreOffice, MS Office locks


def editor_leftover(name: str) -> bool:
    """Whether a file named ``name`` (no folder) is one an editor makes on its own: a backup
    (``x.yaml~``, ``x.yaml.~1~``: emacs, gedit, kate), an autosave (``#x.yaml#``: emacs), a lock
    (``.#x.yaml``: emacs, often a dangling symlink; ``.~lock.x#``, ``~$x``), a swap file
    (``.x.yaml.swp``/``.swo``…: vim, ``x.kate-swp``), a temporary file of a safe save
    (``.goutputstream-XXXXXX``: gedit; ``x___jb_tmp___``: JetBrains) or vim's probe file ``4913``.
    The list is in docs/authoring.md ("Files in the source folders")."""
    if name.endswith("~") or (len(name) > 1 and name.startswith("#") and name.endswith("#")):
        return True
    if name.startswith(".#") or name.startswith(_LEFTOVER_PREFIXES) or name.endswith(_LEFTOVER_SUFFIXES):
        return True
    if _VIM_SWAP.search(name):
        return True
    return name.isdigit() and int(name) >= _VIM_PROBE and (int(name) - _VIM_PROBE) % 123 == 0
_REASONS = {errno.EACCES: "没有读取权限", errno.EPERM: "没有读取权限", errno.ENOENT: "文件不存在",
            errno.EISDIR: "这是一个文件夹", errno.ELOOP: "符号链接循环", errno.EIO: "磁盘读写错误",
            errno.ENAMETOOLONG: "路径太长", errno.ENOTDIR: "路径中有一段不是文件夹"}


def os_reason(exc: OSError) -> str:
    """A Chinese reason for an operating-system error (never the system's English text)."""
    return _REASONS.get(exc.errno or 0, f"系统错误(错误号 {exc.errno})")


def source_files(folder: Path, root: Path) -> list[Path]:
    """The files of ``folder`` to load: regular ``.yaml``/``.yml`` files that stay inside ``root``."""
    return [path for path, problem in _entries(folder, root) if problem is None]


def folder_problems(root: Path, folders: Iterable[str], files: Iterable[str] = ()) -> list[Finding]:
    """What is wrong with the entries of ``folders`` (relative to ``root``) and with the single
    ``files``: each entry that will not be loaded, with its reason and fix."""
    return scan(root, folders, files)[1]


def scan(root: Path, folders: Iterable[str], files: Iterable[str] = ()) -> tuple[dict[str, list[Path]], list[Finding]]:
    """``source_files`` of each of ``folders`` (by its name) and ``folder_problems``, each folder listed once."""
    found: dict[str, list[Path]] = {}
    findings: list[Finding] = []
    for folder in folders:
        entries = _entries(root / folder, root)
        found[folder] = [path for path, problem in entries if problem is None]
        findings += [problem for _, problem in entries if problem is not None]
    for name in files:
        path = root / name
        if path.is_symlink() or path.exists():
            problem = _outside_or_broken(path, root)
            if problem is not None:
                findings.append(problem)
    return found, findings


def _entries(folder: Path, root: Path) -> list[tuple[Path, Finding | None]]:
    rel = _rel(folder, root)
    if not folder.exists() and not folder.is_symlink():
        return []
    if not folder.is_dir():
        return [(folder, Finding("SRC032", f"「{rel}」应是文件夹,却是一个文件", Position(rel, 1, 1),
                                 hint=f"把它改名,再建立文件夹 {rel}/"))]
    try:
        if not _owner_may_read(folder, stat.S_IRUSR | stat.S_IXUSR):
            raise PermissionError(errno.EACCES, "")
        names = sorted(os.listdir(folder))
    except OSError as exc:
        return [(folder, Finding("SRC035", f"文件夹「{rel}/」无法读取: {os_reason(exc)}", Position(rel, 1, 1),
                                 hint="检查文件夹的权限(chmod u+rx),或用有权限的账号运行"))]
    try:
        real: tuple[Path, Path] | None = (folder.resolve(strict=True), root.resolve())
    except (OSError, RuntimeError):
        real = None  # each entry resolved on its own, and reported
    return [(folder / name, _classify(folder / name, root, real)) for name in names if not _skipped(name)]


def _skipped(name: str) -> bool:
    """Hidden entries (.gitkeep, .DS_Store) and editor leftovers are not sources; ``.x.yaml`` is one."""
    return editor_leftover(name) or (name.startswith(".") and not name.endswith(SUFFIXES))


def _classify(path: Path, root: Path, real: tuple[Path, Path] | None = None) -> Finding | None:
    """``None`` for a loadable source, else why ``path`` is not loaded; ``real``: the resolved
    folder of ``path`` and resolved ``root``, when known."""
    rel = _rel(path, root)
    broken = _outside_or_broken(path, root, real)
    if broken is not None:
        return broken
    name, lower = path.name, path.name.lower()
    if path.is_dir():
        if lower.endswith(SUFFIXES):
            return Finding("SRC032", f"「{rel}」是文件夹,不是源文件", Position(rel, 1, 1),
                           hint="源文件必须是文件;把文件夹改名或移出")
        return Finding("SRC032", f"子文件夹「{rel}/」中的文件不会被读取", Position(rel, 1, 1),
                       hint="把其中的源文件移到上一级文件夹,或把该子文件夹移出项目的源文件夹")
    if not path.is_file():
        return Finding("SRC030", f"「{rel}」不是普通文件,不会被读取", Position(rel, 1, 1), hint="删除它")
    if path.suffix in SUFFIXES:
        if not _owner_may_read(path, stat.S_IRUSR):
            return Finding("SRC011", f"「{rel}」无法读取: 没有读取权限", Position(rel, 1, 1),
                           hint="检查文件权限(chmod u+r);git 只保存可读的文件")
        return None
    stem = next((name[: lower.index(s)] for s in SUFFIXES if s + "." in lower or lower.endswith(s)), None)
    if lower.endswith(_BACKUP):
        return Finding("SRC031", f"「{rel}」是备份或临时文件,不会被读取", Position(rel, 1, 1),
                       hint="确认内容已在正式文件中后删除它;备份请交给 git")
    if stem is not None:
        return Finding("SRC030", f"「{rel}」的扩展名不对,不会被读取", Position(rel, 1, 1),
                       hint=f"改名为 {stem}.yaml(扩展名小写,去掉后面的 .txt 等)")
    return Finding("SRC030", f"「{rel}」不是 .yaml 源文件,不会被读取", Position(rel, 1, 1),
                   hint="源文件夹里只放 .yaml 文件:改名为 .yaml,或移出该文件夹")


def _owner_may_read(path: Path, bits: int) -> bool:
    """Whether the owner's permission bits allow reading. Checked even when running as root (who may
    read anything): a folder or file others cannot read breaks the project for every other user."""
    try:
        return path.stat().st_mode & bits == bits
    except OSError:
        return False


def _outside_or_broken(path: Path, root: Path, real: tuple[Path, Path] | None = None) -> Finding | None:
    """A finding when ``path`` is a dangling or looping symlink, or leads outside ``root``.
    ``real``: ``path``'s folder and ``root``, resolved; an entry that is no symlink is then
    resolved without walking the whole path again (two thousand files: a tenth of a second)."""
    if real is not None:
        try:
            entry = os.lstat(path)
        except OSError:
            entry = None
        if entry is not None and not stat.S_ISLNK(entry.st_mode):
            return _outside(path, root, real[0] / path.name, real[1])
    rel = _rel(path, root)
    try:
        target = path.resolve(strict=True)
    except RuntimeError:
        return Finding("SRC033", f"「{rel}」是循环的符号链接", Position(rel, 1, 1), hint="删除该链接")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return Finding("SRC033", f"「{rel}」是循环的符号链接", Position(rel, 1, 1), hint="删除该链接")
        if path.is_symlink():
            return Finding("SRC033", f"「{rel}」是失效的符号链接:指向的 {os.readlink(path)} 不存在",
                           Position(rel, 1, 1), hint="删除该链接,或让它指向项目中存在的文件")
        return Finding("SRC011", f"「{rel}」无法读取: {os_reason(exc)}", Position(rel, 1, 1))
    return _outside(path, root, target, root.resolve())


def _outside(path: Path, root: Path, target: Path, real_root: Path) -> Finding | None:
    if not target.is_relative_to(real_root):
        rel = _rel(path, root)
        return Finding("SRC034", f"「{rel}」是指向项目之外({target})的符号链接,拒绝读取", Position(rel, 1, 1),
                       hint="把文件本身复制进项目并提交;项目之外的文件不受版本控制,不能发布")
    return None


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
