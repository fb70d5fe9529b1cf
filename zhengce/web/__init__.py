"""The web application and JSON API over the knowledge base and the tracker (`zhengce serve`).

`zhengce.web.app.create_app(db)` builds the app; importing this package loads nothing heavy,
so the command line stays quick.
"""
