"""The benchmark: `python -m bench [--sizes 1000,10000] [--repeat 3] [--work DIR] [--no-hugo] [--no-search]`.

For each size it generates a corpus (bench/corpus.py), checks it, and measures, each
step in a process of its own:

clean       `build.py --root ROOT --clean --no-search`, public/ and .cache/ deleted first
no-op       the same build again without --clean: nothing changed, the disk cache answers
edit(cli)   one sentence of one case's body changed, then the CLI build again (checked:
            the new sentence is in public/cases/<slug>/index.html)
edit(warm)  what `serve` does: a Builder kept in memory (bench/child.py warm); summary
            and body of one case edited, the build call timed until every page showing the
            case is on disk (checked: the case's page and its city's page show the edit);
            the work serve leaves until the browser has reloaded (mirror.json, the manifest
            on disk) is timed apart as "finish", and the watcher's stat walk of content/ that
            found the change (handed to the build, as serve does) as "watch"
search      the Pagefind stage alone (cityedu_site.search.index) over the built site; and
            once, a full clean build with search, whose --verbose stage times are printed
hugo        the same corpus as a Hugo site (bench/hugo_site.py, bench/hugo/), `hugo --quiet`
            with public/ and resources/ deleted first; ratio = our clean / Hugo's

Times are wall-clock medians of --repeat runs. Memory: while a step runs, its process tree
(the builder, its forked workers, the pagefind binary) is sampled every 20 ms; "peak" is
the largest sum of the tree's RSS. RSS counts the pages a forked worker shares with its
parent in both, so the sum overstates; the details also give the tree's PSS (shared pages
split between the processes sharing them; read every half second, in the first run of a
step only, because the kernel takes ~0.2 ms per MiB to compute it) and the largest single
process's peak RSS (ru_maxrss from wait4: the lower bound).
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import psutil

from bench import corpus, hugo_site
from bench.child import edit_case, page_shows

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
MiB = 1024 * 1024


@dataclass(frozen=True)
class Code:
    """A copy of the builder taken when the benchmark starts: edits to cityedu_site/ made while
    it runs (they change the builder's code key, and so force full rebuilds) do not reach it."""

    folder: Path

    @property
    def build(self) -> str:
        return str(self.folder / "build.py")  # its folder comes first on sys.path: the copy is imported

    def child(self, *args: str) -> tuple[list[str], dict]:
        """A `python -m bench.child` command run in the copy's folder (first on sys.path), and its cwd."""
        return [PYTHON, "-m", "bench.child", *args], {"cwd": self.folder}


def snapshot_code(work: Path) -> Code:
    folder = work / "code"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(REPO / "cityedu_site", folder / "cityedu_site", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copyfile(REPO / "build.py", folder / "build.py")
    compileall.compile_dir(folder / "cityedu_site", quiet=1)  # so that the first build does not pay for it
    return Code(folder)


def code_version() -> str:
    try:
        head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, timeout=30).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--", "cityedu_site"],
                               capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"
    return head + (" + uncommitted changes to cityedu_site/" if dirty else "")


# ---- measuring one process tree ---------------------------------------------------------------


def _children(pid: int) -> list[int]:
    """Direct children, from /proc/<pid>/task/*/children (cheap), else through psutil."""
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        try:
            return [c.pid for c in psutil.Process(pid).children()]
        except psutil.Error:
            return []
    found: list[int] = []
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children") as file:
                found.extend(int(p) for p in file.read().split())
        except (OSError, ValueError):
            continue
    return found


class Sampler(threading.Thread):
    """Samples the memory of a process and all its descendants until stopped."""

    def __init__(self, pid: int, interval: float = 0.02, pss_interval: float | None = 0.5):
        super().__init__(name="memory-sampler", daemon=True)
        self.pid = pid
        self.interval = interval
        self.pss_interval = pss_interval
        self.peak_rss = 0  # bytes: the largest sum of RSS over the tree
        self.peak_pss = 0  # bytes: the largest sum of PSS (read at pss_interval), 0 when not read
        self.samples = 0
        self.seen: dict[int, psutil.Process] = {}
        self._stop_event = threading.Event()
        self._last_pss = 0.0

    def tree(self) -> list[psutil.Process]:
        pids, index = [self.pid], 0
        while index < len(pids):
            pids.extend(_children(pids[index]))
            index += 1
        procs = []
        for pid in pids:
            proc = self.seen.get(pid)
            if proc is None:
                try:
                    proc = self.seen[pid] = psutil.Process(pid)
                except psutil.Error:
                    continue
            procs.append(proc)
        return procs

    def sample(self) -> None:
        procs = self.tree()
        rss = 0
        for proc in procs:
            with contextlib.suppress(psutil.Error):
                rss += proc.memory_info().rss
        self.samples += 1
        self.peak_rss = max(self.peak_rss, rss)
        now = time.monotonic()
        if self.pss_interval is not None and now - self._last_pss >= self.pss_interval:
            self._last_pss = now
            pss = 0
            for proc in procs:
                with contextlib.suppress(psutil.Error, AttributeError):
                    pss += proc.memory_full_info().pss
            self.peak_pss = max(self.peak_pss, pss)

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.sample()
            self._stop_event.wait(self.interval)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


@dataclass
class Run:
    seconds: float  # wall clock, start to exit
    cpu: float  # user + system seconds of the process and the descendants it waited for
    peak_rss: int  # bytes, largest sum of RSS over the tree
    peak_pss: int  # bytes, largest sum of PSS over the tree (0 when not sampled)
    max_rss: int  # bytes, the largest single process (wait4's ru_maxrss)
    code: int
    out: str = field(repr=False, default="")
    err: str = field(repr=False, default="")


def measure(cmd: list[str], *, cwd: Path | None = None, pss: bool = True) -> Run:
    """Run cmd, sampling its process tree; wait for any descendant that outlives it."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=cwd, env=env, stdin=subprocess.DEVNULL)
        sampler = Sampler(proc.pid, pss_interval=0.5 if pss else None)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        sampler.stop()
        leftovers = [p for pid, p in sampler.seen.items() if pid != proc.pid]
        psutil.wait_procs([p for p in leftovers if p.is_running()], timeout=300)
        out.seek(0)
        err.seek(0)
        return Run(seconds, usage.ru_utime + usage.ru_stime, sampler.peak_rss, sampler.peak_pss,
                   usage.ru_maxrss * 1024, proc.returncode, out.read().decode("utf-8", "replace"),
                   err.read().decode("utf-8", "replace"))


# ---- steps ------------------------------------------------------------------------------------


def log(size: int, message: str) -> None:
    print(f"[bench {size:>6}] {message}", file=sys.stderr, flush=True)


def fail(step: str, run: Run) -> None:
    raise SystemExit(f"{step} failed with exit status {run.code}:\n{run.out[-3000:]}\n{run.err[-3000:]}")


@dataclass
class Step:
    """Several runs of one step: medians and peaks."""

    runs: list[Run] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def peak_rss(self) -> int:
        return max(r.peak_rss for r in self.runs)

    @property
    def peak_pss(self) -> int:
        return max(r.peak_pss for r in self.runs)

    @property
    def max_rss(self) -> int:
        return max(r.max_rss for r in self.runs)

    def summary(self) -> dict:
        return {"seconds": self.seconds, "cpu": self.cpu, "peak_rss": self.peak_rss, "peak_pss": self.peak_pss,
                "max_rss": self.max_rss, "all_seconds": [r.seconds for r in self.runs]}


def _describe(run: Run) -> str:
    pss = f", PSS {run.peak_pss / MiB:.0f} MiB" if run.peak_pss else ""
    return (f"{run.seconds:.2f} s (cpu {run.cpu:.1f} s), tree RSS {run.peak_rss / MiB:.0f} MiB{pss}, "
            f"largest process {run.max_rss / MiB:.0f} MiB")


def repeated(size: int, name: str, repeat: int, cmd: list[str], before=None, after=None,
             cwd: Path | None = None) -> Step:
    step = Step()
    for index in range(repeat):
        if before:
            before(index)
        run = measure(cmd, pss=index == 0, cwd=cwd)
        if run.code != 0:
            fail(name, run)
        if after:
            after(index, run)
        step.runs.append(run)
        log(size, f"{name} {index + 1}/{repeat}: {_describe(run)}")
    return step


_BUILT = re.compile(r"Built (\d+) pages(?:, (\d+) [^(]*rendered)? \((\d+) files")


def bench_size(size: int, work: Path, code: Code, repeat: int, seed: int, hugo: str | None, search: bool) -> dict:
    root = work / f"site-{size}"
    result: dict = {"cases": size}

    log(size, f"generating the corpus in {root}")
    started = time.perf_counter()
    info = corpus.generate(root, size, seed, force=True)
    result["generate_seconds"] = time.perf_counter() - started
    result["corpus"] = info
    log(size, f"{info['cases']} cases, {info['cities']} cities, ~{info['words_per_case']} words a case, "
              f"in {result['generate_seconds']:.1f} s")

    check = measure([PYTHON, code.build, "check", "--root", str(root)], pss=False)
    if check.code != 0 or "clean" not in check.out:
        fail("check", check)
    result["check"] = Step([check]).summary()
    log(size, f"check: the content is clean ({_describe(check)})")

    public, cache = root / "public", root / ".cache"

    def wipe(_index: int = 0) -> None:
        shutil.rmtree(public, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)

    build = [PYTHON, code.build, "--root", str(root)]
    clean = repeated(size, "clean build", repeat, [*build, "--clean", "--no-search"], before=wipe)
    result["clean"] = clean.summary()
    match = _BUILT.search(clean.runs[-1].out)
    result["pages"], result["files"] = (int(match.group(1)), int(match.group(3))) if match else (None, None)

    noop = repeated(size, "no-op build", repeat, [*build, "--no-search"])
    if "Nothing changed" not in noop.runs[-1].out:
        log(size, f"warning: the no-op build did build: {noop.runs[-1].out.strip()}")
    result["noop"] = noop.summary()

    edit = info["edit"]
    case_file = root / edit["path"]
    original = case_file.read_text("utf-8")
    rendered: list[int] = []

    def edit_before(index: int) -> None:
        case_file.write_text(edit_case(original, f"cli-edit-{index}-{time.time_ns()}", summary=False), "utf-8")

    def edit_after(index: int, run: Run) -> None:
        token = re.search(r"\((cli-edit-[0-9-]+)\)", case_file.read_text("utf-8")).group(1)
        if not page_shows(root, f"cases/{edit['slug']}", token):
            raise SystemExit(f"edit(cli): public/cases/{edit['slug']}/index.html does not show the edit")
        built = _BUILT.search(run.out)
        if built and built.group(2):
            rendered.append(int(built.group(2)))

    cli = repeated(size, "one-edit build (cli)", repeat, [*build, "--no-search"], before=edit_before,
                   after=edit_after)
    case_file.write_text(original, "utf-8")
    result["edit_cli"] = cli.summary()
    result["edit_cli"]["rendered"] = rendered

    cmd, where = code.child("warm", str(root), edit["path"], edit["city"], "--repeat", str(repeat))
    run = measure(cmd, **where)
    if run.code != 0:
        fail("edit(warm)", run)
    warm = json.loads(run.out.strip().splitlines()[-1])
    if Path(warm["code"]) != code.folder / "cityedu_site":
        raise SystemExit(f"bench.child imported {warm['code']}, not the copy in {code.folder}")
    if not warm["ok"]:
        raise SystemExit(f"edit(warm): a page did not show the edit: {warm['runs']}")
    result["edit_warm"] = {**warm, "process": Step([run]).summary()}
    log(size, f"one-edit build (warm, in process): {warm['seconds'] * 1000:.0f} ms median, "
              f"then {warm['finish'] * 1000:.0f} ms of deferred work "
              f"(first edit after start {warm['first_edit'] * 1000:.0f} ms; "
              f"{warm['runs'][-1]['rendered']} pages rendered; mode {warm['runs'][-1]['mode']})")

    if search:
        bundle = work / f"pagefind-{size}"

        def fresh_bundle(_index: int) -> None:
            shutil.rmtree(bundle, ignore_errors=True)

        cmd, where = code.child("search", str(public), str(bundle))
        step = repeated(size, "search index", repeat, cmd, before=fresh_bundle, **where)
        stage = [json.loads(r.out.strip().splitlines()[-1]) for r in step.runs]
        result["search"] = {**step.summary(), "stage_seconds": statistics.median(s["seconds"] for s in stage),
                            "pages": stage[0]["pages"]}
        shutil.rmtree(bundle, ignore_errors=True)
        wipe()
        full = measure([*build, "--clean", "--verbose"], pss=False)
        if full.code != 0:
            fail("full build with search", full)
        stages = {m.group(1): float(m.group(2)) / 1000
                  for m in re.finditer(r"^\s+(\w+)\s+([0-9.]+) ms$", full.err, re.M)}
        result["full_with_search"] = {**Step([full]).summary(), "stages": stages}
        log(size, f"full clean build with search: {_describe(full)}; stages: "
                  + ", ".join(f"{k} {v:.2f} s" for k, v in stages.items()))

    if hugo:
        hugo_root = work / f"hugo-{size}"
        started = time.perf_counter()
        hugo_site.convert(root, hugo_root)
        log(size, f"converted to a Hugo site in {time.perf_counter() - started:.1f} s")

        def hugo_clean(_index: int) -> None:
            for name in ("public", "resources"):
                shutil.rmtree(hugo_root / name, ignore_errors=True)

        step = repeated(size, "hugo", repeat, [hugo, "--quiet", "--source", str(hugo_root), "--cacheDir",
                                               str(hugo_root / ".hugo-cache")], before=hugo_clean)
        result["hugo"] = step.summary()
        result["hugo"]["files"] = sum(len(files) for _, _, files in os.walk(hugo_root / "public"))
        result["hugo"]["pages"] = sum(1 for _ in (hugo_root / "public").rglob("*.html"))
        result["ratio"] = clean.seconds / step.seconds
    return result


# ---- report -----------------------------------------------------------------------------------


def _s(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    return f"{seconds * 1000:.0f}ms" if seconds < 1 else f"{seconds:.2f}s"


def _m(value: int | None) -> str:
    return "-" if not value else f"{value / MiB:.0f}MiB"


COLUMNS = ("cases", "clean", "peak", "no-op", "edit(cli)", "edit(warm)", "search", "search-peak", "hugo",
           "hugo-peak", "ratio")


def table(results: list[dict]) -> str:
    rows = [COLUMNS]
    for r in results:
        search, hugo = r.get("search"), r.get("hugo")
        rows.append((f"{r['cases']:,}", _s(r["clean"]["seconds"]), _m(r["clean"]["peak_rss"]),
                     _s(r["noop"]["seconds"]), _s(r["edit_cli"]["seconds"]), _s(r["edit_warm"]["seconds"]),
                     _s(search["stage_seconds"]) if search else "-", _m(search["peak_rss"]) if search else "-",
                     _s(hugo["seconds"]) if hugo else "-", _m(hugo["peak_rss"]) if hugo else "-",
                     f"{r['ratio']:.2f}" if "ratio" in r else "-"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    return "\n".join("  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
                     for row in rows)


def details(r: dict) -> list[str]:
    clean, noop, cli, warm = r["clean"], r["noop"], r["edit_cli"], r["edit_warm"]
    lines = [f"{r['cases']:,} cases: {r['corpus']['cities']} cities, ~{r['corpus']['words_per_case']} words a case; "
             f"{r['pages']} pages, {r['files']} files; generated in {r['generate_seconds']:.1f} s; "
             f"check {_s(r['check']['seconds'])}",
             f"  clean      {_s(clean['seconds'])} (cpu {clean['cpu']:.1f} s); tree RSS {_m(clean['peak_rss'])}, "
             f"tree PSS {_m(clean['peak_pss'])}, largest process {_m(clean['max_rss'])}; runs "
             + ", ".join(_s(s) for s in clean["all_seconds"]),
             f"  no-op      {_s(noop['seconds'])}; runs " + ", ".join(_s(s) for s in noop["all_seconds"]),
             f"  edit(cli)  {_s(cli['seconds'])}, {cli['rendered'][-1] if cli['rendered'] else '?'} pages and "
             f"data files rendered; tree RSS {_m(cli['peak_rss'])}",
             f"  edit(warm) {_s(warm['seconds'])}, {warm['runs'][-1]['rendered']} rendered, mode "
             f"{warm['runs'][-1]['mode']}, then finish {_s(warm.get('finish'))}; the watcher's snapshot before it "
             f"{_s(warm.get('watch'))}; first edit after start "
             f"{_s(warm['first_edit'])} (reads the content cache); serve-like process peak RSS "
             f"{_m(warm['process']['max_rss'])}"]
    if "search" in r:
        s, full = r["search"], r["full_with_search"]
        lines.append(f"  search     stage {_s(s['stage_seconds'])} for {s['pages']} pages (process "
                     f"{_s(s['seconds'])}); tree RSS {_m(s['peak_rss'])}, PSS {_m(s['peak_pss'])}; "
                     f"full clean build with search {_s(full['seconds'])}, of which search "
                     f"{_s(full['stages'].get('search'))}")
    if "hugo" in r:
        h = r["hugo"]
        lines.append(f"  hugo       {_s(h['seconds'])} (cpu {h['cpu']:.1f} s), {h['pages']} HTML pages, {h['files']} "
                     f"files; RSS {_m(h['peak_rss'])}; runs " + ", ".join(_s(s) for s in h["all_seconds"]))
    return lines


def environment(hugo: str | None) -> str:
    version = ""
    if hugo:
        try:
            version = subprocess.run([hugo, "version"], capture_output=True, text=True, timeout=30).stdout.split()[1]
        except (OSError, subprocess.SubprocessError, IndexError):
            version = "?"
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"# {platform.node()}: {psutil.cpu_count()} CPUs, {psutil.virtual_memory().total / 2**30:.0f} GiB; "
            f"Python {platform.python_version()}; hugo {version or 'not used'}; load average {load}")


def parse_sizes(text: str) -> list[int]:
    sizes = []
    for part in text.split(","):
        part = part.strip().lower().replace("_", "")
        if not part:
            continue
        factor = 1000 if part.endswith("k") else 1
        try:
            sizes.append(int(float(part.rstrip("k")) * factor))
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a size: {part!r}") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("give sizes like 1000,10000")
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description="Benchmark the site builder on synthetic "
                                     "corpora (and Hugo on the same corpora).")
    parser.add_argument("--sizes", type=parse_sizes, default=[1000, 10000], help="numbers of cases, comma-separated "
                        "(default: 1000,10000; 50k works too)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each timed step; the median is shown "
                        "(default: 3)")
    parser.add_argument("--work", type=Path, help="folder for the corpora and sites, kept afterwards "
                        "(default: a temporary folder, deleted afterwards)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the corpus generator (default: 1)")
    parser.add_argument("--no-hugo", action="store_true", help="skip the Hugo comparison")
    parser.add_argument("--no-search", action="store_true", help="skip the search indexing step")
    parser.add_argument("--json", type=Path, help="also write every measurement to this file")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    hugo = None if args.no_hugo else shutil.which("hugo")
    if not args.no_hugo and hugo is None:
        print("hugo is not on PATH: skipping the comparison (apt-get install hugo)", file=sys.stderr)
    work = args.work.resolve() if args.work else Path(tempfile.mkdtemp(prefix="cityedu-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    header = environment(hugo) + f"; code {code_version()}"
    print(header, file=sys.stderr)
    results = []
    try:
        code = snapshot_code(work)
        for size in args.sizes:
            results.append(bench_size(size, work, code, args.repeat, args.seed, hugo, not args.no_search))
            if args.json:
                args.json.write_text(json.dumps({"environment": header, "results": results}, indent=2,
                                                default=lambda o: asdict(o)) + "\n", "utf-8")
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    print(header + f"; load at the end {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(table(results))
    print()
    print(f"Wall-clock medians of {args.repeat} run(s). peak: the largest sum of RSS over the process tree "
          "(builder + forked workers, or + pagefind), sampled every 20 ms; it counts pages shared after fork "
          "once per process. search: the Pagefind stage alone. ratio: clean / hugo.")
    for result in results:
        print("\n".join(details(result)))
    return 0
