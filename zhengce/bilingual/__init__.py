"""Bilingual texts: align an English translation block to the Chinese, and build a glossary.

`align.align(doc)` pairs English paragraphs with the Chinese ones they render;
`glossary.discover(doc, pairs)` proposes term pairs from the aligned paragraphs;
`export` writes aligned pairs as TMX 1.4 or CSV.
"""
