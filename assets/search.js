// The search page: a small UI of our own on Pagefind's JS API (https://pagefind.app/docs/api/).
//
// The form in templates/search.html is the state; the address mirrors it
// (?q=…&goal=4&goal=8&city=Seoul&sort=budget), so a search can be shared and is restored on load.
// Facets: choices within a group are OR'ed ({any: […]}), groups are AND'ed. The count beside a
// choice is the number of cases that match the words, the other groups' choices and that choice.
// Korean query words lose a trailing particle (서울에서 → 서울) by the rules that
// cityedu_site/korean.py puts in data-particles; Pagefind matches words as prefixes, so the
// stem still finds the word as written. No inline script or style: the page's CSP forbids them.
(function () {
  "use strict";

  const PAGE_SIZE = 10;
  const TYPING_PAUSE_MS = 200;
  // Budgets sort by their US dollar equivalent (cityedu_site/views.py, search_sort); a case
  // without one has 0 and comes last, still listed.
  const SORTS = { newest: { started: "desc" }, budget: { budget: "desc" } };
  const HANGUL_WORD = /^[\uac00-\ud7a3]+$/;

  // ---- Korean query words (the twin of cityedu_site/korean.py's strip_particle) -------------

  function particleStripper(rules) {
    const afterConsonant = new Set(rules.afterConsonant);
    const afterVowel = new Set(rules.afterVowel);
    const verbStemEnds = new Set(rules.verbStemEnds);
    const particles = [...afterConsonant, ...afterVowel, ...rules.anywhere]
      .sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
    const finalConsonant = (syllable) => (syllable.charCodeAt(0) - 0xac00) % 28;

    function agrees(stem, particle) {
      const last = stem[stem.length - 1];
      if (particle.startsWith("로") && last === "으") return false;
      if (particle === "는" && verbStemEnds.has(last)) return false;
      if (afterConsonant.has(particle)) return finalConsonant(last) !== 0;
      if (afterVowel.has(particle)) {
        return finalConsonant(last) === 0 || (particle.startsWith("로") && finalConsonant(last) === 8);
      }
      return true;
    }

    return function strip(word) {
      for (const particle of particles) {
        if (!word.endsWith(particle)) continue;
        const stem = word.slice(0, -particle.length);
        if (stem.length >= rules.minStem && HANGUL_WORD.test(stem) && agrees(stem, particle)) return stem;
      }
      return word;
    };
  }

  function normaliseQuery(query, strip) {
    return query.split(/\s+/).filter(Boolean)
      .map((word) => (HANGUL_WORD.test(word) ? strip(word) : word)).join(" ");
  }

  // ---- the address ⇄ the form -----------------------------------------------------------------

  // A facet value in the address: a goal by its number ("4"), anything else as it is.
  function token(value) {
    const goal = /^(\d+)\. /.exec(value);
    return goal ? goal[1] : value;
  }

  function readForm(form, facetNames) {
    const filters = {};
    for (const name of facetNames) {
      const ticked = form.querySelectorAll(`input[type=checkbox][name="${name}"]:checked`);
      filters[name] = Array.from(ticked, (box) => ({ token: box.value, value: box.dataset.value }));
    }
    return { q: form.elements.q.value.trim(), sort: form.elements.sort.value, filters };
  }

  function addressOf(state) {
    const params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    for (const [name, chosen] of Object.entries(state.filters)) {
      for (const choice of chosen) params.append(name, choice.token);
    }
    if (state.sort) params.set("sort", state.sort);
    const query = params.toString();
    return window.location.pathname + (query ? `?${query}` : "") + window.location.hash;
  }

  // ---- facets ---------------------------------------------------------------------------------

  function sortedValues(name, values) {
    const list = Array.from(values);
    if (name === "goal") return list.sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
    if (name === "year") return list.sort((a, b) => b.localeCompare(a));
    return list.sort((a, b) => a.localeCompare(b));
  }

  // One checkbox per value the index knows, plus any the address asks for that it does not.
  function buildFacet(fieldset, name, totals, wanted) {
    const list = fieldset.querySelector(".facet-options");
    const values = new Set(Object.keys(totals || {}));
    const known = new Set(Array.from(values, token));
    for (const extra of wanted) if (!known.has(extra)) values.add(extra);
    sortedValues(name, values).forEach((value, index) => {
      const item = document.createElement("li");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.id = `facet-${name}-${index}`;
      box.name = name;
      box.value = token(value);
      box.dataset.value = value;
      box.checked = wanted.includes(box.value);
      const label = document.createElement("label");
      label.htmlFor = box.id;
      const text = document.createElement("span");
      text.className = "facet-value";
      text.textContent = value;
      const count = document.createElement("span");
      count.className = "facet-count";
      label.append(text, " ", count);
      item.append(box, label);
      list.append(item);
    });
    fieldset.hidden = values.size === 0;
  }

  function showCounts(fieldset, counts) {
    for (const box of fieldset.querySelectorAll("input[type=checkbox]")) {
      const count = (counts && counts[box.dataset.value]) || 0;
      box.nextElementSibling.querySelector(".facet-count").textContent = `(${count})`;
      box.closest("li").classList.toggle("facet-empty", count === 0 && !box.checked);
    }
  }

  function pagefindFilters(filters, except) {
    const out = {};
    for (const [name, chosen] of Object.entries(filters)) {
      if (name !== except && chosen.length) out[name] = { any: chosen.map((choice) => choice.value) };
    }
    return out;
  }

  // ---- results --------------------------------------------------------------------------------

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function resultItem(data) {
    const meta = data.meta || {};
    const item = element("li", "result");
    const heading = element("h3", "result-title");
    const link = element("a", "", meta.title || data.url);
    link.href = data.url;
    heading.append(link);
    item.append(heading);
    if (meta.place) item.append(element("p", "result-place", meta.place));
    if (meta.summary) item.append(element("p", "result-summary", meta.summary));
    const facts = element("p", "result-facts");
    if (meta.goals) {
      facts.append(element("span", "result-goals", `Goals: ${meta.goals.split("; ").join(" · ")}`));
    }
    // The status as reported, with its date ("Last reported as ongoing, in January 2021").
    if (meta.status) {
      const stale = (meta.status_key || "").endsWith(" stale");
      facts.append(element("span", stale ? "result-status result-status-stale" : "result-status", meta.status));
    }
    // The budget as published, with its US dollar equivalent: what "Largest budget first" sorts by.
    if (meta.budget) facts.append(element("span", "result-budget", meta.budget));
    if (facts.childNodes.length) item.append(facts);
    return item;
  }

  // ---- the search -----------------------------------------------------------------------------

  async function start(root) {
    const siteRoot = root.dataset.siteRoot || "./";
    const strip = particleStripper(JSON.parse(root.dataset.particles));
    // Relative to the page, not to this script: the site may live under any base path.
    const pagefind = await import(new URL(`${siteRoot}pagefind/pagefind.js`, document.baseURI).href);
    await pagefind.init();
    const totals = await pagefind.filters();

    const form = root.querySelector("form");
    const fieldsets = Array.from(root.querySelectorAll("fieldset[data-facet]"));
    const facetNames = fieldsets.map((fieldset) => fieldset.dataset.facet);
    const status = root.querySelector(".search-status");
    const list = root.querySelector(".result-list");
    const more = root.querySelector(".search-more");
    const clear = root.querySelector(".search-clear");

    const facets = root.querySelector(".search-facets");
    const params = new URLSearchParams(window.location.search);
    form.elements.q.value = params.get("q") || "";
    form.elements.sort.value = SORTS[params.get("sort")] ? params.get("sort") : "";
    for (const fieldset of fieldsets) {
      const name = fieldset.dataset.facet;
      buildFacet(fieldset, name, totals[name], params.getAll(name));
    }
    // On a narrow screen the facets fold away above the results, unless the address ticks some.
    const narrow = window.matchMedia("(max-width: 48rem)").matches;
    facets.open = !narrow || root.querySelector("input[type=checkbox]:checked") !== null;
    root.hidden = false;

    let latest = 0;
    let waiting = []; // results not shown yet

    async function nextItems() {
      const data = await Promise.all(waiting.splice(0, PAGE_SIZE).map((result) => result.data()));
      return data.map(resultItem);
    }

    async function showMore() {
      const search = latest;
      const items = await nextItems();
      if (search !== latest) return;
      list.append(...items);
      more.hidden = waiting.length === 0;
    }

    async function run() {
      const state = readForm(form, facetNames);
      window.history.replaceState(null, "", addressOf(state));
      const term = normaliseQuery(state.q, strip) || null;
      root.dataset.searched = term || "";
      const filtered = Object.values(state.filters).some((chosen) => chosen.length);
      clear.hidden = !filtered;
      const search = ++latest;
      list.setAttribute("aria-busy", "true");

      const main = await pagefind.search(term, { filters: pagefindFilters(state.filters), sort: SORTS[state.sort] });
      // A facet with choices counts without its own choices, so each of its values says what
      // ticking it adds; a facet without choices counts within the results.
      const counts = {};
      await Promise.all(fieldsets.map(async (fieldset) => {
        const name = fieldset.dataset.facet;
        if (!state.filters[name].length) {
          counts[name] = main.filters[name];
          return;
        }
        const others = pagefindFilters(state.filters, name);
        counts[name] = term === null && !Object.keys(others).length
          ? totals[name]
          : (await pagefind.search(term, { filters: others })).filters[name];
      }));
      if (search !== latest) return; // a newer search has started
      waiting = main.results.slice();
      const items = await nextItems();
      if (search !== latest) return;

      for (const fieldset of fieldsets) showCounts(fieldset, counts[fieldset.dataset.facet]);
      list.replaceChildren(...items);
      more.hidden = waiting.length === 0;
      const count = main.results.length;
      const what = `${count} ${count === 1 ? "result" : "results"}`;
      const hint = count === 0 && filtered ? ". Fewer filters may find more." : "";
      status.textContent = (state.q ? `${what} for “${state.q}”` : filtered ? what : `${what}: all case studies`) + hint;
      list.removeAttribute("aria-busy");
      root.dataset.searches = String(Number(root.dataset.searches || 0) + 1); // for tests: one more finished
    }

    let timer = 0;
    form.elements.q.addEventListener("input", () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(run, TYPING_PAUSE_MS);
    });
    form.addEventListener("change", (event) => {
      if (event.target !== form.elements.q) run();
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      window.clearTimeout(timer);
      run();
    });
    clear.addEventListener("click", () => {
      for (const box of form.querySelectorAll("input[type=checkbox]:checked")) box.checked = false;
      run();
      form.elements.q.focus();
    });
    more.addEventListener("click", () => showMore());
    await run();
  }

  function boot() {
    const root = document.getElementById("search");
    if (!root) return;
    start(root).catch((error) => {
      root.hidden = false;
      root.querySelector(".search-status").textContent = "Search could not start. Browse by goal, city or theme instead.";
      throw error;
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", boot);
  } else {
    boot();
  }
})();
