"""resolve: stage 3, the validated sheets and the article texts into one resolved model
(resolved): ids, aliases and references (resolver), each quote found in its article's
paragraphs (article), the names each article mentions (mentions), the kind of each
difference between sources (differences), what the texts gave kept between runs
(textcache), and load -> validate -> resolve run as one step for every caller (dossier).

May import: core, model, read."""
