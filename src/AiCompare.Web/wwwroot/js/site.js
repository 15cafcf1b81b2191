// AiCompare: progressive enhancement only. Every feature works without this file.
(function () {
  "use strict";

  // Community votes: send with fetch, update the tallies in place, highlight the reader's own vote.
  var forms = Array.prototype.slice.call(document.querySelectorAll("form[data-vote]"));

  function mark(slug, verdict) {
    forms.forEach(function (form) {
      if (form.getAttribute("data-vote") !== slug) return;
      form.querySelectorAll("button[name=verdict]").forEach(function (button) {
        button.setAttribute("aria-pressed", button.value === verdict ? "true" : "false");
      });
    });
  }

  function show(result) {
    document.querySelectorAll("[data-community-hero]").forEach(function (el) {
      if (el.getAttribute("data-community-hero") === result.slug) el.textContent = result.hero;
    });
    document.querySelectorAll("[data-community-decision]").forEach(function (el) {
      if (el.getAttribute("data-community-decision") === result.slug) el.textContent = result.decision;
    });
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
        return response.text().then(function (text) { status(form, text || "Your vote could not be counted. Try again."); });
      }).catch(function () {
        status(form, "Your vote could not be sent. Check your connection and try again.");
      });
    });
  });

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
