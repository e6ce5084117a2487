"""``hedgewatch serve``: the pipeline over HTTP (FastAPI on uvicorn) and the page.

Endpoints:

- ``GET /healthz``: 200 once a pipeline worker has loaded the model, 503 before (and
  while every worker is being restarted);
- ``GET /``: the page (``static/``: plain HTML, CSS and JavaScript, no build step, no
  CDN); ``/docs`` and ``/openapi.json``: the OpenAPI documentation;
- ``POST /annotate``: ``{"text": ...}`` or ``{"html": ...}`` (or a list of them) → the
  record :func:`hedgewatch.app.records.doc_to_record` writes for ``hedgewatch annotate
  --format jsonl`` (a list for a list);
- ``POST /compare``: ``{"original": ARTICLE, "versions": [ARTICLE, ...]}`` → the list
  ``hedgewatch compare --format json`` writes (:func:`hedgewatch.app.compare.compare_docs`
  per version).

The pipeline runs in worker processes (``--workers``, each loads the model once), never
in the event loop. A request that runs past ``--timeout`` gets 504 and its worker is
killed and replaced, so the server stays up; a request that cannot get a worker within
the timeout gets 503. A body over ``--max-body`` bytes gets 413 (the Content-Length is
checked, and so are the bytes actually received); malformed JSON gets 400, a missing or
wrong field 422, each with a JSON ``{"error": ...}`` saying what is wrong. Texts longer
than ``nlp.max_length`` are processed in pieces, as the CLI does
(:func:`hedgewatch.app.annotate.annotate`). Requests carry article text or HTML only:
there is no field that names a file on the server or a URL, and HTML is parsed, never
fetched from.
"""
from __future__ import annotations

import asyncio
import logging
import multiprocessing as mp
import os
import threading
import time
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple, Union

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, model_validator

from .. import __version__

log = logging.getLogger("hedgewatch.serve")

STATIC_DIR = Path(__file__).resolve().parent / "static"
DEFAULT_MAX_BODY = 5 * 1024 * 1024
DEFAULT_TIMEOUT = 60.0
MAX_ITEMS = 100
MAX_VERSIONS = 20


# --- the work a pipeline worker does (also callable in-process) --------------------
def _input_item(article: Dict[str, Any], default_name: str, tmpdir: Path):
    """An InputDoc (or InputError) for one request article, read by the CLI's own readers
    (:func:`~hedgewatch.app.readers.read_text_file`, :func:`~hedgewatch.app.readers.read_html_file`)
    from a private temporary file, so a pasted article gets every check and extraction
    step a .txt or .html file gets; errors and meta name the article, not the file."""
    from .readers import InputError, read_html_file, read_text_file

    name = article.get("name") or default_name
    is_html = article.get("html") is not None
    content = article["html"] if is_html else (article.get("text") or "")
    path = tmpdir / ("article.html" if is_html else "article.txt")
    path.write_bytes(content.encode("utf-8", "surrogatepass"))  # a lone surrogate: "not UTF-8"
    try:
        item = (read_html_file if is_html else read_text_file)(path)
    finally:
        path.unlink()
    if isinstance(item, InputError):
        return InputError(name, item.reason)
    item.meta["source"] = name
    return item


class BadInput(ValueError):
    """An article of the request cannot be a document (the CLI's InputError)."""


def _docs(nlp, articles: List[Dict[str, Any]], names: List[str]):
    from .annotate import annotate

    import tempfile

    errors: List[str] = []
    with tempfile.TemporaryDirectory(prefix="hedgewatch-serve-") as tmp:
        items = [_input_item(a, n, Path(tmp)) for a, n in zip(articles, names)]
    docs = list(annotate(nlp, items, on_error=lambda e: errors.append(str(e))))
    if errors:
        raise BadInput("; ".join(errors))
    return docs


def run_annotate(nlp, articles: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """The ``--format jsonl`` records of ``articles`` (dicts with ``text`` or ``html``)."""
    from .records import doc_to_record

    names = [f"request[{i}]" for i in range(len(articles))]
    return [doc_to_record(doc) for doc in _docs(nlp, articles, names)]


def run_compare(nlp, original: Dict[str, Any], versions: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """What ``hedgewatch compare --format json`` writes: one comparison per version."""
    from .compare import compare_docs

    names = ["original"] + [f"version {i}" for i in range(1, len(versions) + 1)]
    docs = _docs(nlp, [original, *versions], names)
    return [compare_docs(docs[0], doc) for doc in docs[1:]]


def _worker_main(model: str, conn) -> None:
    """A pipeline worker process: load the model once, then answer jobs on ``conn``."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        from . import cli

        # the CLI's loader: its checks and its preparation of the pipeline, when it has them
        load = getattr(cli, "load_hedgewatch", None) or cli.load_model
        nlp = load(model)
    except BaseException as err:  # noqa: BLE001 - reported to the parent, which logs it
        conn.send(("failed", f"{type(err).__name__}: {err}"))
        return
    conn.send(("ready", {"model": model, "pipeline": list(nlp.pipe_names), "max_length": int(nlp.max_length)}))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        kind, payload = job
        try:
            if kind == "annotate":
                result = run_annotate(nlp, payload)
            elif kind == "compare":
                result = run_compare(nlp, payload["original"], payload["versions"])
            else:
                raise ValueError(f"unknown job {kind!r}")
            conn.send(("ok", result))
        except BadInput as err:
            conn.send(("bad", str(err)))
        except Exception as err:  # noqa: BLE001
            conn.send(("error", f"{type(err).__name__}: {err}"))


# --- the pool of pipeline workers ---------------------------------------------------
class Unavailable(RuntimeError):
    """No worker became free in time (503)."""


class TimedOut(RuntimeError):
    """The job ran past the timeout; its worker was replaced (504)."""


class _Worker:
    def __init__(self, ctx, model: str):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(model, child), daemon=True, name="hedgewatch-worker")
        self.proc.start()
        child.close()
        self.info: Optional[Dict[str, Any]] = None

    def wait_ready(self) -> Tuple[bool, Any]:
        try:
            status, info = self.conn.recv()
        except (EOFError, OSError) as err:
            return False, f"worker exited while loading the model ({err or 'no message'})"
        except Exception as err:  # noqa: BLE001 - an answer that cannot be unpickled
            return False, f"bad answer from the worker ({type(err).__name__}: {err})"
        self.info = info if status == "ready" else None
        return status == "ready", info

    def call(self, job, timeout: float):
        self.conn.send(job)
        if not self.conn.poll(timeout):
            raise TimedOut(f"the pipeline took longer than {timeout:g} s")
        return self.conn.recv()

    def kill(self) -> None:
        try:
            self.proc.kill()
            self.proc.join(5)
        finally:
            self.conn.close()


class WorkerPool:
    """``size`` worker processes, each with the model loaded; one job per worker at a
    time. A worker whose job timed out (or that died) is killed and a new one started."""

    def __init__(self, model: str, size: int = 1):
        self.model = model
        self.size = max(1, size)
        self._ctx = mp.get_context("spawn")  # no fork of a process holding threads
        self._idle: Optional[asyncio.Queue] = None
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._all: List[_Worker] = []
        self._lock = threading.Lock()
        self.ready = 0
        self.error: Optional[str] = None
        self.info: Optional[Dict[str, Any]] = None
        self.restarts = 0
        self._closed = False

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._idle = asyncio.Queue()
        for _ in range(self.size):
            self._spawn()

    def _spawn(self) -> None:
        """Start a worker; a thread waits for its model and then hands it to the pool."""
        worker = _Worker(self._ctx, self.model)
        with self._lock:
            self._all.append(worker)

        def wait() -> None:
            ok, info = worker.wait_ready()
            if self._closed:
                worker.kill()
                return
            if not ok:
                self.error = str(info)
                log.error("hedgewatch serve: a pipeline worker could not load %r: %s", self.model, info)
                with self._lock:
                    if worker in self._all:
                        self._all.remove(worker)
                worker.kill()
                return
            self.info, self.error = info, None
            self._loop.call_soon_threadsafe(self._add_ready, worker)

        threading.Thread(target=wait, daemon=True, name="hedgewatch-worker-start").start()

    def _add_ready(self, worker: _Worker) -> None:
        self.ready += 1
        self._idle.put_nowait(worker)

    def _replace(self, worker: _Worker) -> None:
        self.ready -= 1
        with self._lock:
            if worker in self._all:
                self._all.remove(worker)
        threading.Thread(target=worker.kill, daemon=True).start()
        self.restarts += 1
        if not self._closed:
            self._spawn()

    async def run(self, job, timeout: float):
        """The worker's answer ``(status, result)``; Unavailable or TimedOut otherwise."""
        if self.ready == 0:
            raise Unavailable(self.error or "the model is still loading")
        deadline = time.monotonic() + timeout
        try:
            worker = await asyncio.wait_for(self._idle.get(), timeout)
        except asyncio.TimeoutError:
            raise Unavailable(f"every pipeline worker stayed busy for {timeout:g} s") from None
        left = max(0.01, deadline - time.monotonic())
        try:
            answer = await asyncio.to_thread(worker.call, job, left)
        except TimedOut:
            log.warning("hedgewatch serve: a request ran past %g s; restarting its worker", timeout)
            self._replace(worker)
            raise
        except (EOFError, OSError, BrokenPipeError) as err:
            self._replace(worker)
            raise RuntimeError(f"the pipeline worker died ({type(err).__name__})") from None
        self._idle.put_nowait(worker)
        return answer

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers, self._all = list(self._all), []
        for w in workers:
            try:
                w.conn.send(None)
            except (OSError, ValueError):
                pass
        for w in workers:
            w.proc.join(2)
            if w.proc.is_alive():
                w.kill()


# --- request bodies -----------------------------------------------------------------
class Article(BaseModel):
    """One article: exactly one of ``text`` (plain text) or ``html`` (a page; its main
    text is extracted as for .html files). ``name`` labels it in the result's meta."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "examples": [{"text": "Russia could be arming the Taliban, US officials said, "
                              "but Moscow has repeatedly denied the claims."}]})
    text: Optional[str] = Field(None, description="The article as plain text.")
    html: Optional[str] = Field(None, description="The article as an HTML page (parsed here; nothing is fetched).")
    name: Optional[str] = Field(None, max_length=200, description="A name for the article (meta.source).")

    @model_validator(mode="after")
    def _one_of(self):
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of 'text' or 'html'")
        return self

    def job(self) -> Dict[str, Any]:
        return self.model_dump(exclude_none=True)


class CompareRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "original": {"text": "Russia may be arming the Taliban, officials said."},
        "versions": [{"text": "Russia is arming the Taliban."}]}]})
    original: Article
    versions: List[Article] = Field(..., min_length=1, max_length=MAX_VERSIONS)


AnnotateBody = Union[Article, List[Article]]


# --- limits -------------------------------------------------------------------------
class BodyLimit:
    """ASGI middleware: 413 for a body over ``limit`` bytes, by its Content-Length and by
    the bytes received (a chunked body has none); the app gets the buffered body."""

    def __init__(self, app, limit: int):
        self.app = app
        self.limit = limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None:
            try:
                declared = int(length)
            except ValueError:
                return await _error(send, 400, "invalid Content-Length header")
            if declared > self.limit:
                return await _error(send, 413, self._too_large(declared))
        body = bytearray()
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > self.limit:
                return await _error(send, 413, self._too_large(None))
        sent = False

        async def replay():
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()

        return await self.app(scope, replay, send)

    def _too_large(self, size: Optional[int]) -> str:
        what = f"{size} bytes" if size is not None else "more than that"
        return f"request body too large: the limit is {self.limit} bytes, this one is {what}"


async def _error(send, status: int, message: str) -> None:
    import json

    body = json.dumps({"error": message}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


def _clean_errors(errors, body) -> List[Dict[str, Any]]:
    """Pydantic's errors without the union branches that do not match the body's type
    (a list body: the list branch; an object: the object branch) and without the
    branches' internal names in ``loc``."""
    def branch(e) -> Optional[str]:
        loc = e.get("loc", ())
        if len(loc) > 1 and isinstance(loc[1], str) and ("[" in loc[1] or "Article" in loc[1]):
            return "list" if loc[1].startswith("list[") else "object"
        return None

    want = "list" if isinstance(body, list) else "object"
    kept = [e for e in errors if branch(e) in (None, want)] or list(errors)
    out = []
    for e in kept:
        loc = [x for i, x in enumerate(e.get("loc", ())) if not (i == 1 and branch(e) is not None)]
        out.append({"loc": loc, "msg": e.get("msg", "invalid"), "type": e.get("type")})
    return out


def _describe(errors) -> str:
    parts = []
    for e in errors:
        where = ".".join(str(x) for x in e["loc"] if x != "body") or "body"
        msg = e["msg"]
        if e.get("type") == "extra_forbidden":
            msg = "unknown field (an article has 'text' or 'html', and optionally 'name'; files and URLs are not read)"
        parts.append(f"{where}: {msg}")
    return "; ".join(parts)


# --- the app ------------------------------------------------------------------------
def create_app(model: Optional[str] = None, *, workers: int = 1, timeout: float = DEFAULT_TIMEOUT,
               max_body: int = DEFAULT_MAX_BODY) -> FastAPI:
    """The FastAPI app; the pipeline (``model``, found as the CLI finds it) is loaded in
    ``workers`` processes when the app starts."""
    from .cli import find_model

    model_name = find_model(model)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        pool = WorkerPool(model_name, workers)
        app.state.pool = pool
        await pool.start()
        try:
            yield
        finally:
            pool.close()

    app = FastAPI(
        title="hedgewatch", version=__version__, lifespan=lifespan,
        description="Hedges, attributions and denials in news text: the hedgewatch pipeline over HTTP. "
                    "POST /annotate returns the records of `hedgewatch annotate --format jsonl`, "
                    "POST /compare the result of `hedgewatch compare --format json`.",
    )
    app.state.timeout = timeout
    app.state.max_body = max_body
    app.add_middleware(BodyLimit, limit=max_body)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        errors = exc.errors()
        bad_json = [e for e in errors if e.get("type") == "json_invalid"]
        if bad_json:
            ctx = bad_json[0].get("ctx") or {}
            reason = ctx.get("error") or bad_json[0].get("msg")
            return JSONResponse({"error": f"malformed JSON: {reason}"}, status_code=400)
        clean = _clean_errors(errors, exc.body)
        return JSONResponse({"error": _describe(clean), "detail": clean}, status_code=422)

    async def run(kind: str, payload, single: bool = False) -> JSONResponse:
        pool: WorkerPool = app.state.pool
        try:
            status, result = await pool.run((kind, payload), app.state.timeout)
        except Unavailable as err:
            return JSONResponse({"error": f"service unavailable: {err}"}, status_code=503, headers={"Retry-After": "5"})
        except TimedOut as err:
            return JSONResponse({"error": f"timed out: {err}"}, status_code=504)
        except RuntimeError as err:
            return JSONResponse({"error": str(err)}, status_code=500)
        if status == "ok":
            return JSONResponse(result[0] if single else result)
        if status == "bad":
            return JSONResponse({"error": result}, status_code=422)
        log.error("hedgewatch serve: %s failed: %s", kind, result)
        return JSONResponse({"error": f"the pipeline failed: {result}"}, status_code=500)

    @app.get("/healthz", summary="Ready once the model is loaded (503 before)")
    async def healthz():
        pool: Optional[WorkerPool] = getattr(app.state, "pool", None)
        if pool is None or pool.ready == 0:
            reason = (pool.error if pool is not None else None) or "loading the model"
            return JSONResponse({"status": "unavailable", "reason": reason, "model": model_name}, status_code=503)
        return {"status": "ok", "model": model_name, "workers_ready": pool.ready, "workers": pool.size,
                "restarts": pool.restarts, "pipeline": (pool.info or {}).get("pipeline"),
                "max_length": (pool.info or {}).get("max_length"), "max_body": app.state.max_body,
                "timeout": app.state.timeout, "version": __version__}

    @app.post("/annotate", summary="Spans, resolver fields and certainty profile of one article or a list")
    async def annotate_endpoint(body: AnnotateBody):
        """One article → one record; a list → a list of records (at most 100). The record
        is the one `hedgewatch annotate --format jsonl` writes: text, spans (start, end,
        label, text, score, source, cue, content, source_kind, source_resolved, denier,
        denied, speaker), profile, meta."""
        many = isinstance(body, list)
        articles = body if many else [body]
        if not articles:
            return JSONResponse({"error": "the list of articles is empty"}, status_code=422)
        if len(articles) > MAX_ITEMS:
            return JSONResponse({"error": f"at most {MAX_ITEMS} articles per request, got {len(articles)}"},
                                status_code=422)
        response = await run("annotate", [a.job() for a in articles], single=not many)
        return response

    @app.post("/compare", summary="Versions of a story against the original, with drift flags")
    async def compare_endpoint(body: CompareRequest):
        """The list `hedgewatch compare --format json` writes, one comparison per version."""
        return await run("compare", {"original": body.original.job(), "versions": [v.job() for v in body.versions]})

    @app.get("/", include_in_schema=False)
    async def page():
        return FileResponse(STATIC_DIR / "index.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app


def serve(host: str = "127.0.0.1", port: int = 8080, model: Optional[str] = None, workers: int = 1,
          timeout: float = DEFAULT_TIMEOUT, max_body: int = DEFAULT_MAX_BODY, log_level: str = "info") -> None:
    """Run the app on uvicorn (one server process; the pipeline in ``workers`` processes)."""
    import uvicorn

    logging.basicConfig(level=getattr(logging, log_level.upper(), logging.INFO), format="%(levelname)s: %(message)s")
    app = create_app(model, workers=workers, timeout=timeout, max_body=max_body)
    uvicorn.run(app, host=host, port=port, log_level=log_level, timeout_graceful_shutdown=5)
