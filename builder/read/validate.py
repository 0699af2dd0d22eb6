"""Stage 2: raw documents -> model objects, every error located at file:line:column.

pydantic checks each sheet; its error locations are data paths, which the positions
recorded by the load stage turn back into lines and columns. Library messages are
rewritten into plain language saying what to do.
"""

from __future__ import annotations

import typing

from dataclasses import dataclass
from importlib import resources

from pydantic import BaseModel, ValidationError

from ..core.errors import Diagnostic, error
from ..core.memo import Memo, Reuse
from .load import RawDoc, RawDossier
from ..model.sheets import MODELS, Dossier, FactCitation, FieldError, Sheet, sheet_path


@dataclass
class Valid:
    """One sheet that passed validation, with the raw document it came from."""

    sheet: Sheet
    doc: RawDoc


@dataclass
class ValidDossier:
    dossier: Dossier | None
    dossier_doc: RawDoc | None
    sheets: list[Valid]
    raw: RawDossier


def _allowed_fields(model: type[Sheet], loc: tuple) -> list[str]:
    """The field names allowed where an unknown field was found (best effort)."""
    current: type | None = model
    for part in loc[:-1]:
        if part == "cite" and (current is None or "cite" not in current.model_fields):
            current = FactCitation  # a key fact's citations
            continue
        if isinstance(part, int) or current is None:
            continue
        field = current.model_fields.get(part)
        current = _sheet_in(field.annotation) if field is not None else None
    return sorted(set(current.model_fields) - {"fact_cites"}) if current else []


def _sheet_in(annotation) -> type[Sheet] | None:
    """The first sheet model inside a field's type (list[X], X | None, Annotated unions...)."""
    if isinstance(annotation, type) and issubclass(annotation, Sheet):
        return annotation
    return next((found for arg in typing.get_args(annotation) if (found := _sheet_in(arg))), None)


def _message(err: dict, model: type[Sheet], loc: tuple) -> str:
    name = loc[-1] if loc else ""
    kind = err["type"]
    if kind == "extra_forbidden":
        allowed = ", ".join(_allowed_fields(model, loc))
        return f"unknown field '{name}'; remove it or use one of: {allowed}"
    if kind == "missing":
        return f"missing required field '{name}'"
    if kind == "string_pattern_mismatch":
        if any(field in loc for field in ("furniture", "captions", "bylines", "datelines")):
            dateline = ", or {line: N, text: ...} for a dateline that opens a line" if "datelines" in loc else ""
            return f"'{err['input']}' is not a line range; write a line number or 'FIRST-LAST'{dateline}"
        if name == "wikidata":
            return f"'{err['input']}' is not a Wikidata item id; write it as Q and digits, e.g. Q649"
        if name in ("language", "translated_from"):
            return f"'{err['input']}' is not a language code; use one such as 'en' or 'ru'"
        return (f"'{err['input']}' is not a valid id: use lower-case letters, digits and "
                "single hyphens, e.g. 'anna-smith'")
    if err.get("input", "") is None and kind.endswith("_type"):
        return f"'{name}' is empty; write a value after '{name}:'"
    if kind in ("string_type", "list_type", "dict_type", "model_type", "float_parsing", "int_type"):
        expected = {"string_type": "text", "list_type": "a list", "dict_type": "a mapping",
                    "model_type": "a mapping", "float_parsing": "a number",
                    "int_type": "a whole number"}[kind]
        return f"'{name}' should be {expected}, not {type(err['input']).__name__} {err['input']!r}"
    if kind == "finite_number":  # Sheet's allow_inf_nan, or text given as .nan (model._to_text)
        field = next((p for p in reversed(loc) if isinstance(p, str)), name)
        text = ", or text in quotes" if err.get("ctx", {}).get("text") else ""
        return (f"'{field}' is {err['input']!r}, not a finite number (NaN and infinity compare with "
                f"nothing); write the figure itself, e.g. 120{text}")
    if kind in ("bool_parsing", "bool_type"):  # private, truncated, show_commit_messages...
        return f"'{name}' is true or false, not {err['input']!r}"
    if kind == "literal_error":  # publication, paragraphs, translation...
        return f"'{name}' is {err['ctx']['expected']}, not {err['input']!r}"
    if kind == "string_too_long":
        return f"'{name}' is too long: write at most {err['ctx']['max_length']} characters"
    if kind == "too_short":
        return f"'{name}' must not be empty"
    if kind == "value_error":
        return str(err["ctx"]["error"])
    return f"'{name}': {err['msg']}"


_UNKNOWN = object()  # a part of the sheet that is not there (a missing field)


def _error_path(err: dict, data: object) -> tuple:
    """Where an error is in the sheet as written, `data` (a fact's citations under the fact).
    pydantic inserts union branch names such as 'int' or 'function-after[...]' into loc: a
    name that is neither a key of the mapping there nor a field name it may lack is one."""
    path = []
    for part in sheet_path(tuple(err["loc"])):
        if isinstance(part, str) and not (isinstance(data, dict) and part in data) and not (
                part.isidentifier() and (data is _UNKNOWN or isinstance(data, dict))):
            continue
        path.append(part)
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            data = _UNKNOWN
    return tuple(path)


def validate_doc(doc: RawDoc) -> tuple[Sheet | None, list[Diagnostic]]:
    model = MODELS[doc.kind]
    if not isinstance(doc.data, dict):
        return None, [error("not-a-mapping", "a fact sheet must be a mapping of fields "
                            "(name: value), not a list or a single value", doc.loc())]
    try:
        sheet = model.model_validate(doc.data)
    except ValidationError as exc:
        seen = set()
        problems = []
        errors = exc.errors()
        # a union (a line number or a range) fails in each branch: NaN or infinity is the one to say
        finite = {_error_path(err, doc.data) for err in errors if err["type"] == "finite_number"}
        # and a line number or a range: "abc" is no range, which says more than "no integer"
        ranges = {_error_path(err, doc.data) for err in errors if err["type"] == "string_pattern_mismatch"}
        for err in errors:
            path = base = _error_path(err, doc.data)
            if (path in finite and err["type"] != "finite_number") or (path in ranges and err["type"] == "int_parsing"):
                continue
            if isinstance(err.get("ctx", {}).get("error"), FieldError):
                path += err["ctx"]["error"].path
            if path + ("value",) in doc.positions:  # a fact written long: {value: ..., cite: [...]}
                path += ("value",)
            msg = _message(err, model, base)
            loc = doc.key_loc(path) if err["type"] == "extra_forbidden" else doc.loc(path)
            if (loc, msg) not in seen:
                seen.add((loc, msg))
                problems.append(error(err["type"].replace("_", "-"), msg, loc))
        return None, problems
    problems = []
    sheet_id = getattr(sheet, "id", None)
    if sheet_id is not None and sheet_id != doc.stem:
        problems.append(error("id-mismatch", f"id '{sheet_id}' differs from the file name "
                              f"'{doc.stem}'; rename the file to {sheet_id}.yml or change the id",
                              doc.loc(("id",))))
    return sheet, problems


def theme_languages() -> list[str]:
    """The interface languages the theme has (its partials/languages/<code>.html)."""
    try:
        folder = resources.files("material") / "templates" / "partials" / "languages"
        return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".html"))
    except (ModuleNotFoundError, OSError):
        return []


def _language_problems(dossier: Dossier, doc: RawDoc) -> list[Diagnostic]:
    code = dossier.language.split("-")[0]
    languages = theme_languages()
    if not languages or code in languages:
        return []
    return [error("unknown-language", f"the theme has no interface in '{code}'; use one of: "
                  f"{', '.join(languages)}", doc.loc(("language",)))]


_FIELD_SETS: dict[frozenset[str], set[str]] = {}


def _share_field_sets(model: BaseModel) -> None:
    """One set of field names for all the models that were given the same fields. pydantic
    keeps such a set in every model (a claim, a citation...): a ninth of the model's memory,
    nearly all of it alike. Safe because the models are frozen (nothing adds to the set) and
    model_copy copies it before changing it."""
    todo = [model]
    while todo:
        value = todo.pop()
        fields = value.__pydantic_fields_set__
        shared = _FIELD_SETS.setdefault(frozenset(fields), fields)
        if shared is not fields:
            object.__setattr__(value, "__pydantic_fields_set__", shared)
        for item in value.__dict__.values():
            if isinstance(item, BaseModel):
                todo.append(item)
            elif isinstance(item, (list, tuple)) and item and not isinstance(item[0], str):
                todo.extend(x for x in item if isinstance(x, BaseModel))


def validate_dossier(raw: RawDossier, memo: Memo | None = None) -> tuple[ValidDossier, list[Diagnostic]]:
    """memo: the sheets the last validation in this process made (its "valid" part), by the
    data they were made from: data the load stage gave again (the same object, for a sheet
    that did not change) gives the same sheet again."""
    problems: list[Diagnostic] = []
    sheets: list[Valid] = []
    dossier = dossier_doc = None
    reuse = Reuse(memo, "valid")
    for doc in raw.docs:
        key = (id(doc.data), doc.file, doc.kind)
        sheet, doc_problems = reuse.get(key, doc.data), []
        if sheet is None:
            data = doc.data
            sheet, doc_problems = validate_doc(doc)
            if sheet is not None:
                _share_field_sets(sheet)
                if not doc_problems:
                    reuse.put(key, data, sheet)
        problems += doc_problems
        if sheet is None:
            continue
        doc.data = None  # the sheet holds what it says: a sixth of the model's memory let go
        if doc.kind == "dossier":
            dossier, dossier_doc = sheet, doc
            problems += _language_problems(sheet, doc)
        else:
            sheets.append(Valid(sheet, doc))
    reuse.done()
    return ValidDossier(dossier, dossier_doc, sheets, raw), problems
