"""No broken internal link anywhere in the built site."""

from htmlpages import file_for, html_pages, internal_links


def test_every_internal_link_resolves_to_a_file(real_site):
    pages = html_pages(real_site)
    assert len(pages) > 40
    broken = []
    checked = 0
    for url in pages:
        if url == "404.html":
            continue  # links from the site root path; checked below
        for value, target in internal_links(real_site, url):
            checked += 1
            if not file_for(real_site, target).is_file():
                broken.append(f"/{url} → {value}")
    assert not broken, "\n".join(broken)
    assert checked > 500


def test_every_page_is_reachable_from_home(real_site):
    seen, queue = {""}, [""]
    while queue:
        url = queue.pop()
        for _, target in internal_links(real_site, url):
            is_page = target == "" or target.endswith(("/", ".html"))
            if is_page and target not in seen and file_for(real_site, target).is_file():
                seen.add(target)
                queue.append(target)
    unreachable = set(html_pages(real_site)) - seen - {"404.html"}
    assert not unreachable


def test_404_page_links_from_the_site_root(real_site):
    links = internal_links(real_site, "404.html")
    assert links
    for value, target in links:
        assert value.startswith("/"), value  # it is served at any depth
        assert file_for(real_site, target).is_file(), value
