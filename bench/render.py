"""Uncached page render time in-process (Django test client): a busy post and the home page.

    python bench/render.py --posts 2000 --comments 20000 --busy-comments 200 --renders 50

Generates a site with bench/gen_site.py in a throw-away data dir (or reuses --data-dir if it
already has posts), then times --renders GETs of the busy post, the home page and /blog/.
A `parley_bench` cookie bypasses the page cache, so every request renders. Prints one JSON
line. Timings on a shared machine are noisy: report them with the load average printed.
"""

import os
import sys

# bench/http.py would shadow the standard library's `http` package for scripts run from here.
_here = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _here]

import argparse  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402


def timed(client, url: str, renders: int) -> dict:
    client.get(url)  # warm-up (template loading, first queries)
    times = []
    for _ in range(renders):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    return {
        "url": url,
        "renders": renders,
        "req_per_s": round(renders / sum(times), 1),
        "p50_ms": round(statistics.median(times) * 1000, 1),
        "p99_ms": round(times[min(len(times) - 1, int(len(times) * 0.99))] * 1000, 1),
    }


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", help="reuse this data dir (generated when empty)")
    parser.add_argument("--posts", type=int, default=2000)
    parser.add_argument("--comments", type=int, default=20_000)
    parser.add_argument("--busy-comments", type=int, default=200)
    parser.add_argument("--renders", type=int, default=50)
    args = parser.parse_args(argv)

    data_dir = args.data_dir or tempfile.mkdtemp(prefix="parley-render-")
    os.environ["PARLEY_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parley.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    from parley.blog.models import Post
    from parley.comments.models import Comment

    call_command("migrate", verbosity=0)  # a new data dir has no tables yet
    if not Post.objects.exists():
        import importlib.util

        spec = importlib.util.spec_from_file_location("gen_site", f"{_here}/gen_site.py")
        gen_site = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(gen_site)
        gen_site.main(
            [
                "--posts",
                str(args.posts),
                "--comments",
                str(args.comments),
                "--busy-comments",
                str(args.busy_comments),
            ]
        )
    call_command("collectstatic", interactive=False, verbosity=0)  # the manifest pages need
    setup_test_environment()  # ALLOWED_HOSTS += testserver
    busy = (
        Comment.objects.values("post_id")
        .order_by()
        .annotate(n=django.db.models.Count("id"))
        .order_by("-n")
        .first()
    )
    post = Post.objects.get(pk=busy["post_id"])
    client = Client()
    client.cookies["parley_bench"] = "1"  # any parley_ cookie bypasses the page cache
    result = {
        "data_dir": data_dir,
        "posts": Post.objects.count(),
        "comments": Comment.objects.count(),
        "busy_post_comments": busy["n"],
        "loadavg_before": os.getloadavg(),
        "busy_post": timed(client, post.get_absolute_url(), args.renders),
        "home": timed(client, "/", args.renders),
        "blog": timed(client, "/blog/", args.renders),
        "loadavg_after": os.getloadavg(),
    }
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
