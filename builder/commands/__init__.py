"""commands: the one place each command runs its stages in order. build (load -> validate
-> resolve -> render -> write -> MkDocs, for `dossier build`), bundle (the offline copy)
and serve (the live preview).

May import: every other package; only cli.py imports it."""
