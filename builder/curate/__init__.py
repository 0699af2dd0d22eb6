"""curate: the curator's assistant. `dossier new-source` (newsource) drafts a source sheet
(sourcedraft: title, outlet, date, wire credit, line kinds) and lists the names an article
mentions that the dossier does not know (candidates, words, gazetteer of countries; spellings of known
names come from model/names.py); `dossier quote` finds an article's exact wording (quote); `dossier init`
starts a dossier (init).

May import: core, model, read, resolve, export, pages, site, review."""
