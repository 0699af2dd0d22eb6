"""read: stages 1 and 2, the contributors' files into model objects. Only regular files
inside the dossier's folders, within documented sizes, decoded as UTF-8 (inputs); YAML read
with the position of every value (load); the model's rules applied with every error at
file:line:column (validate).

May import: core, model."""
