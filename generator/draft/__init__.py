"""Draft a notice's data file from the notice document (``python -m generator draft FILE``).

Reading (``read_txt``, ``read_docx``, ``read_pdf``) turns each format into one
``Source``; ``sections`` and ``annex`` find the notice's parts in it; ``figures`` finds
every number of a target; ``ids`` names things in pinyin; ``build`` assembles the data
with what a person must confirm; ``write`` writes it as YAML with ``# 待核对：`` comments.
"""
