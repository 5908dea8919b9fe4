// The workbench's correction and review forms: <form class="decide"> and <button class="undo">.
// A form posts its fields as JSON to /api/decisions with the page key header (the guard checks it,
// and the token cookie when the server has a token); the answer is recorded at once, a correction
// is applied by the server's background worker, so the form shows "pending" and asks
// /api/decisions/{id} until it is done, then reloads the page. Nothing here builds HTML from text.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="nf-page"]');
  var key = meta ? meta.getAttribute("content") : "";
  var WHO = "nf-who";

  function say(el, text, cls) {
    if (!el) return;
    el.textContent = text;
    el.className = "decision-status" + (cls ? " " + cls : "");
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-Newsfusion-Page": key },
      body: JSON.stringify(body || {}),
    }).then(function (r) {
      return r.json().then(function (data) {
        if (!r.ok) throw new Error((data && data.error) || ("HTTP " + r.status));
        return data.decision;
      });
    });
  }

  function follow(id, out) {
    var tries = 0;
    function ask() {
      fetch("/api/decisions/" + encodeURIComponent(id), { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (d) {
          if (d.status === "pending" || d.status === "undoing") {
            say(out, d.status === "pending" ? "pending: being applied…" : "being undone…", "pending");
            tries += 1;
            setTimeout(ask, Math.min(2000, 250 + tries * 150));
          } else if (d.status === "failed") {
            say(out, "failed: " + (d.error || "unknown error"), "failed");
          } else {
            say(out, d.status + ": reloading", "done");
            window.location.reload();
          }
        })
        .catch(function (e) { say(out, "cannot check it: " + e.message, "failed"); });
    }
    ask();
  }

  function started(d, out) {
    if (d.status === "pending" || d.status === "undoing") follow(d.id, out);
    else { say(out, d.status + ": reloading", "done"); window.location.reload(); }
  }

  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (!form.classList || !form.classList.contains("decide")) return;
    ev.preventDefault();
    var body = {};
    new FormData(form).forEach(function (v, k) { if (String(v).trim() !== "") body[k] = String(v); });
    if (ev.submitter && ev.submitter.name) body[ev.submitter.name] = ev.submitter.value;
    var who = window.localStorage ? window.localStorage.getItem(WHO) : null;
    if (body.who) { try { window.localStorage.setItem(WHO, body.who); } catch (e) { /* private mode */ } }
    else if (who) body.who = who;
    var out = form.querySelector(".decision-status");
    var button = form.querySelector("button");
    if (button) button.disabled = true;
    say(out, "sending…", "pending");
    post("/api/decisions", body)
      .then(function (d) { started(d, out); })
      .catch(function (e) { say(out, e.message, "failed"); if (button) button.disabled = false; });
  });

  document.addEventListener("click", function (ev) {
    var b = ev.target.closest ? ev.target.closest("button.undo") : null;
    if (!b) return;
    ev.preventDefault();
    var out = b.parentNode.querySelector(".decision-status");
    b.disabled = true;
    post("/api/decisions/" + encodeURIComponent(b.getAttribute("data-id")) + "/undo")
      .then(function (d) { started(d, out); })
      .catch(function (e) { say(out, e.message, "failed"); b.disabled = false; });
  });

  // a remembered analyst name fills the "who" fields
  var remembered = window.localStorage ? window.localStorage.getItem(WHO) : null;
  if (remembered) document.querySelectorAll('input[name="who"]').forEach(function (i) { if (!i.value) i.value = remembered; });
  // pending corrections on this page: follow them
  document.querySelectorAll("[data-pending]").forEach(function (el) { follow(el.getAttribute("data-pending"), el); });
})();
