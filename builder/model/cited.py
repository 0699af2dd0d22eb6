"""Key facts that carry citations (and may be private): written short as the bare value,
or long as {value: ..., cite: [...], private: true}; taken apart before validation so that
every other stage sees the short form."""

from __future__ import annotations

import typing
from dataclasses import dataclass

from pydantic import BaseModel


class FieldError(ValueError):
    """A problem found by a check across fields, to be shown at one field (validate.py)."""

    def __init__(self, field: str | tuple, message: str):
        super().__init__(message)
        self.path = field if isinstance(field, tuple) else (field,)


@dataclass(frozen=True)
class Cited:
    """Marks a key fact, which may carry citations. Written short it is the bare value; written
    long it is {value: ..., cite: [...]}, and a fact that is itself a mapping (a role,
    coordinates) takes `cite:` among its own fields. One mechanism for every fact: the
    citations are taken off before validation into the sheet's `fact_cites`, keyed by the
    fact's path ("date", "places.1"), so every other stage sees the short form."""


def cited_fields(model: type[BaseModel]) -> list[tuple[str, bool, bool]]:
    """(name, is a list, is a mapping) of each field of a model marked Cited."""
    fields = []
    for name, info in model.model_fields.items():
        if any(isinstance(m, Cited) for m in info.metadata):
            inner = typing.get_args(info.annotation)[0] if typing.get_origin(info.annotation) is list else info.annotation
            args = typing.get_args(inner) or (inner,)
            fields.append((name, typing.get_origin(info.annotation) is list,
                           any(isinstance(a, type) and issubclass(a, BaseModel) for a in args)))
    return fields


PRIVATE_KEYS = ("private", "private_note")  # a key fact's, taken off with its citations


def take_citations(model: type[BaseModel], data: object) -> object:
    """The long form of cited facts taken apart: values back in place, citations into
    `fact_cites` and the private ones into `private_facts` under the fact's path (see Cited)."""
    if not isinstance(data, dict):
        return data
    for made in ("fact_cites", "private_facts"):
        if made in data:
            raise FieldError(made, f"unknown field '{made}'; write a fact's citations and privacy under "
                             "the fact: {value: ..., cite: [...], private: true}")
    data, cites, private = dict(data), {}, {}

    def unwrap(value: object, path: tuple, mapping: bool) -> object:
        own = ("cite", *PRIVATE_KEYS)
        if not isinstance(value, dict) or not (any(k in value for k in own) or set(value) == {"value"}):
            return value
        rest = {k: v for k, v in value.items() if k not in own}
        key = ".".join(map(str, path))
        if "cite" in value:
            cites[key] = value["cite"]
        note = value.get("private_note")
        if value.get("private", False) is not True:
            if value.get("private", False) is not False:
                raise FieldError(path + ("private",), "'private' is true or false")
            if note is not None:
                raise FieldError(path + ("private_note",), "'private_note' says why a fact is private: "
                                 "add 'private: true', or remove the note")
        else:
            if note is not None and (not isinstance(note, str) or not note.strip()):
                raise FieldError(path + ("private_note",), "'private_note' is a sentence saying why")
            private[key] = note or ""
        if mapping:
            return rest
        if set(rest) != {"value"}:
            other = sorted(set(rest) - {"value"})
            raise FieldError(path + ((other[0],) if other else ()),
                             "a fact with citations is written {value: ..., cite: [...]}"
                             + (f"; '{other[0]}' does not belong there" if other else ": add 'value'"))
        return rest["value"]

    for name, is_list, mapping in cited_fields(model):
        value = data.get(name)
        if is_list and isinstance(value, list):
            data[name] = [unwrap(item, (name, i), mapping) for i, item in enumerate(value)]
        elif name in data:
            data[name] = unwrap(value, (name,), mapping)
    data["fact_cites"] = cites
    data["private_facts"] = private
    return data


def sheet_path(path: tuple) -> tuple:
    """A model path as the sheet writes it: a fact's citations back under the fact."""
    if len(path) >= 2 and path[0] == "fact_cites" and isinstance(path[1], str):
        head = tuple(int(p) if p.isdigit() else p for p in path[1].split("."))
        return head + ("cite",) + tuple(path[2:])
    return tuple(path)
