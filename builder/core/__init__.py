"""core: what every stage needs and nothing specific to a dossier. Diagnostics located at
file:line:column (errors), text escaped for Markdown, HTML, attributes and scripts and the
one URL policy (markup), where Dossier may write and how (outputs, write), one build at a
time (lock), work split across cores (parallel), and the files shipped beside the code
(resources).

May import: nothing of the builder's."""
