"""Pictures of the dossier drawn at build time as SVG: a timeline, a map and a graph of ties.

SVG written by Python is the same on every build, shows without JavaScript (from
`file://`, in print, in Zensical) and loads nothing. Every text in it comes from the
dossier and is escaped here (`_t`); every mark is a link to the page it stands for, with a
<title> that browsers show on hover and screen readers read. Each view has a text
equivalent on its page (the timeline's list, the map's list of places, the ties on each
entity page).
"""
