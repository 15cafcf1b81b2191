// AiCompare picker: type-ahead on the two tool fields (ARIA 1.2 combobox with a listbox popup).
// Progressive enhancement only: without this file the form submits what was typed and the server
// resolves it or lists the closest matches.
(function () {
  "use strict";

  var DELAY = 150;

  function setup(input) {
    var url = input.getAttribute("data-suggest");
    var list = document.createElement("ul");
    var listId = input.id + "-listbox";
    var status = document.createElement("p");
    var options = [];
    var active = -1;
    var timer = 0;
    var asked = "";
    var controller = null;

    list.id = listId;
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", (input.labels && input.labels[0] ? input.labels[0].textContent : "Tools") + " suggestions");
    list.className = "picker-listbox";
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    input.insertAdjacentElement("afterend", list);
    list.insertAdjacentElement("afterend", status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      options.forEach(function (li, i) { li.setAttribute("aria-selected", i === index ? "true" : "false"); });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function pick(li) {
      input.value = li.getAttribute("data-name");
      input.setAttribute("data-slug", li.getAttribute("data-slug"));
      close();
    }

    function render(tools) {
      // A later answer for what was typed may list the same tools again: the highlighted one stays highlighted.
      var kept = active >= 0 && options[active] ? options[active].getAttribute("data-slug") : null;
      list.textContent = "";
      options = tools.map(function (tool, i) {
        var li = document.createElement("li");
        li.id = listId + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.setAttribute("data-slug", tool.slug);
        li.setAttribute("data-name", tool.name);
        li.textContent = tool.name;
        if (tool.category) {
          var category = document.createElement("span");
          category.className = "muted";
          category.textContent = " · " + tool.category;
          li.appendChild(category);
        }
        // mousedown, not click: the input keeps focus, so the list is not closed by blur first.
        li.addEventListener("mousedown", function (event) { event.preventDefault(); pick(li); });
        list.appendChild(li);
        return li;
      });
      active = -1;
      if (options.length === 0) {
        close();
        status.textContent = "No matching tools.";
        return;
      }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      for (var i = 0; i < options.length; i++) {
        if (options[i].getAttribute("data-slug") === kept) { highlight(i); break; }
      }
      status.textContent = options.length + (options.length === 1 ? " tool suggested." : " tools suggested.");
    }

    function ask() {
      var q = input.value.trim();
      if (q === asked) return;
      asked = q;
      if (q.length === 0) { render([]); status.textContent = ""; return; }
      if (controller) controller.abort();
      controller = typeof AbortController === "function" ? new AbortController() : null;
      fetch(url + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" }, signal: controller ? controller.signal : undefined })
        .then(function (response) { return response.ok ? response.json() : { tools: [] }; })
        .then(function (body) { if (input.value.trim() === q) render(body.tools || []); })
        .catch(function () { /* offline or aborted: the form still works without suggestions */ });
    }

    input.addEventListener("input", function () {
      input.removeAttribute("data-slug");
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, DELAY);
    });

    input.addEventListener("keydown", function (event) {
      var open = !list.hidden && options.length > 0;
      switch (event.key) {
        case "ArrowDown":
          event.preventDefault();
          if (!open) { asked = ""; ask(); if (options.length > 0) { list.hidden = false; input.setAttribute("aria-expanded", "true"); } return; }
          highlight(active + 1 >= options.length ? 0 : active + 1);
          break;
        case "ArrowUp":
          if (!open) return;
          event.preventDefault();
          highlight(active <= 0 ? options.length - 1 : active - 1);
          break;
        case "Enter":
          // Enter on a highlighted option picks it; otherwise it submits the form as usual.
          if (open && active >= 0) { event.preventDefault(); pick(options[active]); }
          break;
        case "Escape":
          if (open) { event.preventDefault(); close(); }
          else if (input.value) { event.preventDefault(); input.value = ""; input.removeAttribute("data-slug"); }
          break;
      }
    });

    input.addEventListener("blur", close);
  }

  var form = document.querySelector("form[data-test=picker]");
  if (!form || !window.fetch) return;
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input[data-suggest]"));
  inputs.forEach(setup);

  // A picked tool is sent by its slug, which names it exactly even when two tools share a name.
  form.addEventListener("submit", function () {
    inputs.forEach(function (input) {
      var slug = input.getAttribute("data-slug");
      if (slug) input.value = slug;
    });
  });
})();
