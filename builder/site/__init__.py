"""site: stage 6, build/docs into the HTML site with MkDocs. build runs MkDocs beside site/
and swaps the result in whole; htmlcache converts again only the pages that can have
changed; searchshards cuts the search index for large dossiers; config holds mkdocs.yml to
a schema (the description in settings) before anything runs, and mkdocs.yml is the site
configuration Dossier ships.

May import: core, model, read, resolve, export, pages."""
