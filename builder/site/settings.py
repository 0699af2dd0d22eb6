"""A settings file read as plain YAML, described by a schema and held to it.

The generic machinery, with no particular file's settings in it: a small vocabulary of value
kinds (`Rule` and its kinds: `Leaf`, `Refused`, `Seq`, `Record`, `OneOf`, `Entries`, and the
constructors `enum`, `record`, `options`, `refused`), and `check_value`, which walks a value
against a rule and says what does not fit as `Problem`s (a data path and a message). What
mkdocs.yml may hold, and what Dossier does with it, is config.py's.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

# -- the schema: a small vocabulary of value kinds -------------------------------------------

@dataclass(frozen=True)
class Rule:
    """A kind of value: what it is called in messages, and the YAML types it can be."""

    what: str
    types: tuple = (str,)

    def takes(self, value: object) -> bool:
        return isinstance(value, self.types) and not (isinstance(value, bool) and bool not in self.types)


@dataclass(frozen=True)
class Leaf(Rule):
    """A single value; `problem` says why a value of the right type is still wrong."""

    problem: Callable[[object], str | None] = lambda value: None
    code: str = "mkdocs-schema"  # "unsafe-config" when the wrong value could run or load something


@dataclass(frozen=True)
class Refused(Rule):
    """A setting that loads or runs something: refused whatever its value."""

    why: str = ""
    types: tuple = (object,)


@dataclass(frozen=True)
class Seq(Rule):
    item: Rule = None  # type: ignore[assignment]
    types: tuple = (list,)


@dataclass(frozen=True)
class Record(Rule):
    """A mapping of named settings; `other` the rule for keys not named (None: refused);
    `fixed`: keys Dossier sets itself, with what sets them."""

    fields: dict = field(default_factory=dict)
    other: Rule | None = None
    fixed: dict = field(default_factory=dict)
    types: tuple = (dict,)


@dataclass(frozen=True)
class OneOf(Rule):
    options: tuple = ()

    def takes(self, value: object) -> bool:
        return any(option.takes(value) for option in self.options)


@dataclass(frozen=True)
class Entries(Rule):
    """`plugins` and `markdown_extensions`: a list of names, or of {name: options}."""

    allowed: dict = field(default_factory=dict)  # name -> Record of its options
    noun: str = ""
    types: tuple = (list,)


def _short(value: object, most: int = 60) -> str:
    """A key or value as quoted in a message: a 1 MB key is not repeated whole."""
    text = str(value)
    return text if len(text) <= most else text[:most] + f"… ({len(text):,} characters)"


def _one_of(*values: str) -> Callable[[object], str | None]:
    def problem(value: object) -> str | None:
        if value in values:
            return None
        close = difflib.get_close_matches(_short(value), values, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return f"it is '{_short(value)}', not one of {', '.join(values)}{hint}"
    return problem


def _matches(pattern: str, what: str) -> Callable[[object], str | None]:
    compiled = re.compile(pattern)
    return lambda value: None if compiled.fullmatch(value) else f"it is not {what}"


def enum(*values: str, what: str | None = None) -> Leaf:
    return Leaf(what or "one of " + ", ".join(values), (str,), _one_of(*values))


def record(what: str, other: Rule | None = None, fixed: dict | None = None, **fields: Rule) -> Record:
    return Record(what, fields=fields, other=other, fixed=fixed or {})


def options(**fields: Rule) -> Record:
    return record("a mapping of options", **fields)


def refused(why: str) -> Refused:
    return Refused("", why=why)


# The keys of a mapping of names (icons by admonition type, tags, statuses): the theme pastes
# some into a <style> element, so no character of CSS syntax.
KEY = re.compile(r"[^\W_][\w .-]*")


# -- checking a value against the schema ------------------------------------------------------

@dataclass(frozen=True)
class Problem:
    path: tuple
    message: str
    code: str = "mkdocs-schema"


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return f"{'true' if value else 'false'}"
    if isinstance(value, str):
        return f"a text ({value[:40]!r})"
    if isinstance(value, float):
        return f"the number {value}"
    kinds = {dict: "a mapping", list: "a list", int: "a number", type(None): "empty"}
    return kinds.get(type(value), type(value).__name__)


def _fix_type(rule: Rule, value: object, path: tuple) -> str:
    hint = ""
    if isinstance(value, str) and isinstance(rule, (Seq, Entries)):
        hint = f"; write it as a list: `{path[-1]}: [{value}]`"
    return f"'{_dotted(path)}' must be {rule.what}, not {_kind(value)}{hint}"


def check_value(rule: Rule, value: object, path: tuple, out: list[Problem]) -> None:
    if isinstance(rule, Refused):
        out.append(Problem(path, f"'{_dotted(path)}': {rule.why}", "unsafe-config"))
        return
    if isinstance(rule, OneOf):
        chosen = next((o for o in rule.options if o.takes(value)), None)
        if chosen is None:
            out.append(Problem(path, _fix_type(rule, value, path)))
        else:
            check_value(chosen, value, path, out)
        return
    if not rule.takes(value):
        out.append(Problem(path, _fix_type(rule, value, path)))
        return
    if isinstance(rule, Leaf):
        problem = rule.problem(value)
        if problem:
            out.append(Problem(path, f"'{_dotted(path)}': {problem}", rule.code))
    elif isinstance(rule, Seq):
        for i, item in enumerate(value):
            check_value(rule.item, item, path + (i,), out)
    elif isinstance(rule, Record):
        for key, inner in value.items():
            if key in rule.fields:
                check_value(rule.fields[key], inner, path + (key,), out)
            elif key in rule.fixed:
                out.append(Problem(path + (key,), f"'{_dotted(path + (key,))}' is set by Dossier from "
                                   f"{rule.fixed[key]}; remove it"))
            elif rule.other is not None and isinstance(key, str) and KEY.fullmatch(key):
                check_value(rule.other, inner, path + (key,), out)
            elif rule.other is not None:
                out.append(Problem(path + (key,), f"'{_dotted(path)}' has the key {_short(key)!r}, which is "
                                   "not a name (letters, digits, spaces, . _ -)", "unsafe-config"))
            else:
                out.append(Problem(path + (key,), _unknown(rule, key, path)))
    elif isinstance(rule, Entries):
        for i, item in enumerate(value):
            _check_entry(rule, item, path + (i,), out)


def _unknown(rule: Record, key: object, path: tuple) -> str:
    known = sorted(key for key, inner in rule.fields.items() if not isinstance(inner, Refused))
    close = difflib.get_close_matches(_short(key), known, n=1)
    where = f"under '{_dotted(path)}'" if path else "at the top level"
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    listed = ", ".join(known)
    return (f"'{_short(key)}' is not a setting Dossier knows {where}{hint}; "
            f"the settings allowed here: {listed}")


def _check_entry(rule: Entries, item: object, path: tuple, out: list[Problem]) -> None:
    name = entry_name(item)
    if name is None or (isinstance(item, dict) and name not in item):  # also a key that is no text
        out.append(Problem(path, f"'{_dotted(path)}' must be a {rule.noun} name or one {{name: options}} "
                           f"mapping, not {_kind(item)}"))
        return
    if name not in rule.allowed:
        listed = ", ".join(sorted(rule.allowed)) if len(rule.allowed) < 5 else "see SECURITY.md"
        out.append(Problem(path, f"the {rule.noun} '{_short(name)}' is not on Dossier's list ({listed}): "
                           "it is Python code that runs during the build", "unsafe-config"))
    elif isinstance(item, dict):
        check_value(rule.allowed[name], item[name], path + (name,), out)


def entry_name(item: object) -> str | None:
    """The name of a plugin or extension entry: 'name' or {'name': {options}}."""
    if isinstance(item, str):
        return item
    if isinstance(item, dict) and len(item) == 1:
        return str(next(iter(item)))
    return None


def _dotted(path: tuple) -> str:
    return ".".join(_short(p) for p in path)
