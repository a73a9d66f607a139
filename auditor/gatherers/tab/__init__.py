"""The facts the Tab walk produces, one module (and one page script, ``js/tabwalk-*.js``) each.

The walk itself (auditor/gatherers/tabwalk.py, js/tabwalk.js) is the driver: one pass of Tab presses, the
expensive part, shared by every fact. Facts read at each stop (focus seen, focus obscured, in the main content)
are functions the walk's page script calls; facts read after the walk are one expression each, which the
driver sends together in as few round trips as before.

- ``world``: the isolated JS world all of it runs in;
- ``focus``: focus seen (pixels, shared by style key, or certain from computed styles) and not obscured;
- ``names``: each stop's role and name from Chromium's accessibility tree;
- ``trap``: whether Shift+Tab or Escape gets out of a cycle;
- ``listeners``: the page's click and key listeners, handed to the page scripts;
- ``clickables``, ``tabindex``, ``activation``, ``targets``, ``landmarks``, ``skiplink``: the facts read after
  the walk.
"""
