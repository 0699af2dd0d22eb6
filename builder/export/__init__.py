"""export: the dossier as open data (opendata: JSON with its versioned schema, CSV,
FollowTheMoney, GeoJSON, TimelineJS) and the JSON Schemas of the fact sheets for editors
(schemas).

May import: core, model, read, resolve."""
