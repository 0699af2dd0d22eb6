"""review: what a reviewer of a change wants to know. What changed between two Git
revisions, on the resolved model (diff), the dossier's history for the Changes page
(history), a revision read from Git (revisions), and the warnings of a careful editor on a
valid dossier (lint).

May import: core, model, read, resolve, export, pages, site."""
