// AiCompare: progressive enhancement only. Every feature works without this file.
(function () {
  "use strict";

  // Community votes: send with fetch, update the tallies in place, highlight the reader's own vote.
  // A cached page shows the tallies as they were when it was rendered: the live ones come from
  // /votes/tally (at most 50 tools a request), once on load.
  var forms = Array.prototype.slice.call(document.querySelectorAll("form[data-vote]"));
  var TALLY_HOOKS = ["data-community-hero", "data-community-decision", "data-community-row"];
  var votedHere = {};

  function mark(slug, verdict) {
    forms.forEach(function (form) {
      if (form.getAttribute("data-vote") !== slug) return;
      form.querySelectorAll("button[name=verdict]").forEach(function (button) {
        button.setAttribute("aria-pressed", button.value === verdict ? "true" : "false");
      });
    });
  }

  function showTally(slug, tally) {
    document.querySelectorAll("[data-community-hero]").forEach(function (el) {
      if (el.getAttribute("data-community-hero") === slug) el.textContent = tally.hero;
    });
    document.querySelectorAll("[data-community-decision], [data-community-row]").forEach(function (el) {
      if (el.getAttribute("data-community-decision") === slug || el.getAttribute("data-community-row") === slug) el.textContent = tally.decision;
    });
  }

  function show(result) {
    votedHere[result.slug] = true;
    showTally(result.slug, result);
    mark(result.slug, result.yours);
  }

  function status(form, text) {
    var out = form.querySelector("[data-vote-status]");
    if (!out) {
      out = document.createElement("span");
      out.setAttribute("data-vote-status", "");
      out.setAttribute("role", "status");
      out.className = "vote-status";
      form.appendChild(out);
    }
    out.textContent = text;
  }

  // Why a vote was refused, in words: the detail (else title) of the server's problem details
  // (RFC 9457), or the plain text of an older or intermediate answer; never raw JSON or HTML.
  function refusal(response) {
    var type = response.headers.get("Content-Type") || "";
    if (type.indexOf("json") !== -1) {
      return response.json().then(function (problem) {
        return (problem && (problem.detail || problem.title)) || "";
      }, function () { return ""; });
    }
    if (type.indexOf("text/plain") === 0) return response.text();
    return Promise.resolve("");
  }

  forms.forEach(function (form) {
    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (!button || !window.fetch) return; // let the browser post the form
      event.preventDefault();
      var body = new URLSearchParams();
      body.append("verdict", button.value);
      fetch(form.action, {
        method: "POST",
        headers: { "Accept": "application/json" },
        body: body,
        credentials: "same-origin"
      }).then(function (response) {
        if (response.ok) return response.json().then(function (result) { show(result); status(form, "Vote counted."); });
        return refusal(response).then(function (text) { status(form, text || "Your vote could not be counted. Try again."); });
      }).catch(function () {
        status(form, "Your vote could not be sent. Check your connection and try again.");
      });
    });
  });

  if (window.fetch) {
    var shown = [];
    TALLY_HOOKS.forEach(function (hook) {
      document.querySelectorAll("[" + hook + "]").forEach(function (el) {
        var slug = el.getAttribute(hook);
        if (slug && shown.indexOf(slug) === -1) shown.push(slug);
      });
    });
    for (var i = 0; i < shown.length; i += 50) {
      fetch("/votes/tally?" + shown.slice(i, i + 50).map(function (s) { return "slug=" + encodeURIComponent(s); }).join("&"),
        // No cookies: the answer is the same for everyone, so a shared cache may keep it.
        { credentials: "omit", headers: { "Accept": "application/json" } })
        .then(function (r) { return r.ok ? r.json() : {}; })
        .then(function (tallies) {
          Object.keys(tallies).forEach(function (slug) {
            // The reader's own vote answered already, and is newer than this.
            if (!votedHere[slug]) showTally(slug, tallies[slug]);
          });
        })
        .catch(function () { /* the page's own tallies stand */ });
    }
  }

  if (forms.length > 0 && window.fetch) {
    var slugs = forms.map(function (f) { return f.getAttribute("data-vote"); });
    var query = slugs.filter(function (s, i) { return slugs.indexOf(s) === i; })
      .map(function (s) { return "slug=" + encodeURIComponent(s); }).join("&");
    fetch("/votes/mine?" + query, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : {}; })
      .then(function (mine) { Object.keys(mine).forEach(function (slug) { mark(slug, mine[slug]); }); })
      .catch(function () { /* highlighting is a nicety */ });
  }
})();

// Bookmarks: kept in localStorage as [{ slug, name, verdict }], no account needed.
(function () {
  "use strict";
  document.querySelectorAll(".js-only").forEach(function (el) {
    if (!el.hasAttribute("data-bookmarks-compare")) el.hidden = false;
  });
  document.querySelectorAll(".no-js").forEach(function (el) { el.hidden = true; });
  var KEY = "aic:bookmarks";

  function load() {
    try {
      var list = JSON.parse(window.localStorage.getItem(KEY) || "[]");
      return Array.isArray(list) ? list.filter(function (b) { return b && typeof b.slug === "string" && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(b.slug); }) : [];
    } catch (e) {
      return [];
    }
  }

  function save(list) {
    try { window.localStorage.setItem(KEY, JSON.stringify(list)); } catch (e) { /* storage full or blocked */ }
    render();
  }

  function has(list, slug) {
    return list.some(function (b) { return b.slug === slug; });
  }

  function toggle(button) {
    var list = load();
    var slug = button.getAttribute("data-bookmark");
    if (has(list, slug)) {
      list = list.filter(function (b) { return b.slug !== slug; });
    } else {
      list.push({ slug: slug, name: button.getAttribute("data-name") || slug, verdict: button.getAttribute("data-verdict") || "" });
    }
    save(list);
  }

  function item(b) {
    var li = document.createElement("li");
    var link = document.createElement("a");
    link.href = "/tools/" + b.slug;
    link.textContent = b.name;
    li.appendChild(link);
    if (b.verdict) {
      var verdict = document.createElement("span");
      verdict.className = "muted";
      verdict.textContent = " · " + b.verdict + " ";
      li.appendChild(verdict);
    }
    var remove = document.createElement("button");
    remove.type = "button";
    remove.className = "link-button";
    remove.textContent = "Remove";
    remove.setAttribute("aria-label", "Remove " + b.name + " from bookmarks");
    remove.addEventListener("click", function () {
      save(load().filter(function (x) { return x.slug !== b.slug; }));
    });
    li.appendChild(remove);
    return li;
  }

  function option(b, selected) {
    var o = document.createElement("option");
    o.value = b.slug;
    o.textContent = b.name;
    o.selected = selected;
    return o;
  }

  function render() {
    var list = load();
    document.querySelectorAll("button[data-bookmark]").forEach(function (button) {
      var on = has(list, button.getAttribute("data-bookmark"));
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.textContent = on ? "Bookmarked" : "Bookmark";
    });
    document.querySelectorAll("[data-bookmarks-list]").forEach(function (ul) {
      ul.textContent = "";
      list.forEach(function (b) { ul.appendChild(item(b)); });
    });
    document.querySelectorAll("[data-bookmarks-status]").forEach(function (status) {
      status.textContent = list.length === 0 ? "No bookmarks yet. Bookmark tools to save them for later." : "";
      status.hidden = list.length > 0;
    });
    document.querySelectorAll("[data-bookmarks-compare]").forEach(function (form) {
      form.hidden = list.length < 2;
      var a = form.querySelector("select[name=a]");
      var b = form.querySelector("select[name=b]");
      a.textContent = "";
      b.textContent = "";
      list.forEach(function (x, i) { a.appendChild(option(x, i === 0)); b.appendChild(option(x, i === 1)); });
    });
  }

  document.querySelectorAll("button[data-bookmark]").forEach(function (button) {
    button.addEventListener("click", function () { toggle(button); });
  });
  window.addEventListener("storage", function (e) { if (e.key === KEY) render(); });
  render();
})();

// Share: copy the ready text and link.
(function () {
  "use strict";
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.hidden = !(navigator.clipboard && navigator.clipboard.writeText);
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(button.getAttribute("data-copy")).then(function () {
        button.textContent = "Copied";
      }, function () {
        button.textContent = "Copy failed: select the text above";
      });
    });
  });
})();

// Comparison page, "Recalculate": update the cost row in place. It fetches the page for the new
// workload and takes its cost row, so the server stays the one place that validates, rounds and
// formats prices (and the page cache serves a workload asked for before). Focus stays where the
// reader is; a status region says what changed. Without JavaScript the form's action ("#cost")
// lands the reloaded page on the row.
(function () {
  "use strict";
  var form = document.querySelector("form[data-workload]");
  var row = document.getElementById("cost");
  if (!form || !row || !window.fetch || !window.DOMParser || !window.URLSearchParams) return;
  var status = form.querySelector("[data-workload-status]");
  var pending = null;

  function text(el) { return el ? el.textContent.replace(/\s+/g, " ").trim() : ""; }

  function apply(doc) {
    var fresh = doc.getElementById("cost");
    if (!fresh) return false;
    var current = document.getElementById("cost");
    current.replaceWith(document.importNode(fresh, true));
    // The fields' error state, not their values: the inputs keep what the reader typed.
    form.querySelectorAll("[data-workload-field]").forEach(function (field) {
      var name = field.getAttribute("data-workload-field");
      var next = doc.querySelector("[data-workload-field='" + name + "']");
      var input = field.querySelector("input");
      var nextInput = next && next.querySelector("input");
      if (!nextInput) return;
      ["aria-invalid", "aria-describedby"].forEach(function (attr) {
        if (nextInput.hasAttribute(attr)) input.setAttribute(attr, nextInput.getAttribute(attr));
        else input.removeAttribute(attr);
      });
      var old = field.querySelector(".field-error");
      if (old) old.remove();
      var error = next.querySelector(".field-error");
      if (error) field.appendChild(document.importNode(error, true));
    });
    var message = form.querySelector("[data-workload-message]");
    var nextMessage = doc.querySelector("[data-workload-message]");
    if (message && nextMessage) message.replaceChildren.apply(message, Array.prototype.map.call(nextMessage.childNodes, function (n) { return document.importNode(n, true); }));
    var updated = document.getElementById("cost");
    var names = Array.prototype.map.call(document.querySelectorAll("table[data-test=decision] thead th"), text).slice(1);
    var costs = Array.prototype.map.call(updated.querySelectorAll("td"), text);
    var error = doc.getElementById("workload-error");
    status.textContent = (error ? text(error) + " " : "") + "Cost updated: " + text(updated.querySelector("th")) + ": " +
      names.map(function (name, i) { return name + " " + (costs[i] || ""); }).join(", ") + ".";
    return true;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var query = new URLSearchParams(new FormData(form)).toString();
    var url = window.location.pathname + "?" + query;
    if (pending) pending.abort();
    pending = typeof AbortController === "function" ? new AbortController() : null;
    fetch(url, { headers: { Accept: "text/html" }, credentials: "same-origin", signal: pending ? pending.signal : undefined })
      .then(function (response) {
        if (!response.ok) throw new Error("status " + response.status);
        return response.text();
      })
      .then(function (html) {
        if (!apply(new DOMParser().parseFromString(html, "text/html"))) throw new Error("no cost row");
        // The address names the workload shown, so a reload or a shared link shows it too.
        window.history.replaceState(null, "", url);
      })
      .catch(function (error) {
        if (error && error.name === "AbortError") return;
        // Offline or an unexpected answer: submit as if there were no script.
        form.submit();
      });
  });
})();

// Error summaries (admin forms): a link to a field puts the caret in it, its label in view, as the
// GOV.UK pattern does; without this file the link still scrolls to the field.
(function () {
  "use strict";
  document.querySelectorAll(".error-summary a[href^='#']").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (!target) return;
      event.preventDefault();
      var label = document.querySelector("label[for='" + target.id + "']");
      (label || target).scrollIntoView();
      target.focus({ preventScroll: true });
    });
  });
})();
