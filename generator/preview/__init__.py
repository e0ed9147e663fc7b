"""``handbook serve``: a live preview of the staff site that keeps up with the editor.

builder: MkDocs kept loaded, only pages whose output can differ rendered again; watch: which
source files changed; server: the site over HTTP on 127.0.0.1 with the findings overlay; session:
the loop that ties them together.
"""
