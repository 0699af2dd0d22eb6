"""pages: stage 4, the resolved model into the Markdown pages of build/docs.

render runs it (in parallel, reusing the pages whose reads did not change: rendercache,
tracking). Each page kind decides what it shows in its own module: entity, source,
overview (home, indexes, "Where sources differ", changes), timeline, map, ties. Below them,
what every page shares: renderer (a template rendered with links, names, source labels,
preview cards), references (numbered citations), jsonld, derived (ties, sources about an
entity, events at a place), paths, labels, templates (the Jinja environment) and views/ (the
SVG pictures, drawn from plain records). templates/ and assets/ are the layout and the
files every page carries.

May import: core, model, read, resolve, export."""
