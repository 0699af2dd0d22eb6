"""Do `dossier new-source`'s draft claims verify on real articles? For each source of a
dossier: a copy without its sheet, `dossier new-source` on its article (with the source's
id), every draft claim uncommented into one entity sheet with a statement written, the
detected title, outlet and date kept or, where not detected, taken from the curated sheet;
then `dossier check` on the copy. Prints the drafts per article and the errors of check.

    python bench/draft_claims.py [--root .]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from test_newsource import draft_claims_of  # noqa: E402  (the test's reading of the draft)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=".")
    root = Path(parser.parse_args().root).resolve()
    total = failed = 0
    for curated in sorted((root / "content/sources").glob("*.yml")):
        data = yaml.safe_load(curated.read_text(encoding="utf-8"))
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "dossier"
            shutil.copytree(root / "content", copy / "content")
            shutil.copytree(root / "seeds", copy / "seeds")
            (copy / "content/sources" / curated.name).unlink()
            subprocess.run([sys.executable, "-m", "builder", "new-source", f"seeds/{data['file']}", "--id", data["id"]],
                           cwd=copy, capture_output=True, text=True, check=True)
            sheet = copy / "content/sources" / f"{data['id']}.yml"
            text = sheet.read_text(encoding="utf-8")
            draft = yaml.safe_load(text)
            claims = draft_claims_of(text) if "# --- Draft claims" in text else []
            for key in ("title", "outlet", "published"):
                if draft.get(key) in (None, ""):
                    draft[key] = data[key]
                if data.get(f"{key}_note"):
                    draft[f"{key}_note"] = data[f"{key}_note"]
            if draft.get("truncated"):
                draft["truncated_note"] = "As detected."
            sheet.write_text(yaml.safe_dump(draft, sort_keys=False, allow_unicode=True), encoding="utf-8")
            target = next(iter(sorted((copy / "content/places").glob("*.yml"))))
            sheet_data = yaml.safe_load(target.read_text(encoding="utf-8"))
            sheet_data.setdefault("claims", []).extend(claims)
            target.write_text(yaml.safe_dump(sheet_data, sort_keys=False, allow_unicode=True), encoding="utf-8")
            checked = subprocess.run([sys.executable, "-m", "builder", "check"], cwd=copy, capture_output=True, text=True)
            errors = [line for line in checked.stderr.splitlines() if ": error: " in line]
        total += len(claims)
        failed += len(errors)
        print(f"{data['id']}: {len(claims)} draft claims, {len(errors)} errors" + "".join(f"\n    {e}" for e in errors))
    print(f"{total} draft claims, {failed} errors from dossier check")


if __name__ == "__main__":
    main()
