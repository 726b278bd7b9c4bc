// Comment form, enhanced: a per-reader question from the API, posting as JSON, errors shown
// next to their fields with the text kept. Without JavaScript, or when the network fails,
// the form posts to the HTML view as before. Server text is written with textContent only.
(function () {
  "use strict";
  const FIELDS = ["author_name", "email", "body", "parent", "website", "challenge_token", "challenge_answer"];
  const TOKEN = 'input[name="challenge_token"]';

  // Messages may be translated by the template: data-msg-posting="…" on the form.
  const text = (form, key, fallback) => form.getAttribute("data-msg-" + key) || fallback;

  function say(form, message) {
    const status = form.querySelector("[data-comment-status]");
    if (status) status.textContent = message || "";
  }

  function element(tag, props, attrs) {
    const node = Object.assign(document.createElement(tag), props);
    Object.keys(attrs || {}).forEach((name) => node.setAttribute(name, attrs[name]));
    return node;
  }

  function showChallenge(form, challenge) {
    const slot = form.querySelector("[data-challenge-slot]");
    if (!slot || !challenge) return;
    const label = element("label", { htmlFor: "id_challenge_answer", textContent: challenge.question });
    const input = element("input", { id: "id_challenge_answer", name: "challenge_answer", required: true },
      { inputmode: "numeric", autocomplete: "off" });
    const token = element("input", { type: "hidden", name: "challenge_token", value: challenge.token });
    slot.textContent = "";
    [token, label, input].forEach((node) => slot.appendChild(node));
    // The question is on the page now, so the button posts rather than continues.
    const button = form.querySelector('[type="submit"]');
    if (button && form.getAttribute("data-msg-submit")) button.textContent = form.getAttribute("data-msg-submit");
    // For the fallback post to the HTML view; the challenge endpoint set the matching cookie.
    if (challenge.csrf_token) {
      let csrf = form.querySelector('input[name="csrfmiddlewaretoken"]');
      if (!csrf) csrf = form.appendChild(element("input", { type: "hidden", name: "csrfmiddlewaretoken" }));
      csrf.value = challenge.csrf_token;
    }
  }

  async function loadChallenge(form) {
    const response = await fetch(form.getAttribute("data-challenge-url"), {
      credentials: "same-origin", headers: { Accept: "application/json" },
    });
    if (!response.ok) throw new Error("challenge: HTTP " + response.status);
    showChallenge(form, await response.json());
  }

  function describedBy(field, keep) {
    const ids = (field.getAttribute("aria-describedby") || "").split(" ").filter(keep);
    if (ids.length) field.setAttribute("aria-describedby", ids.join(" "));
    else field.removeAttribute("aria-describedby");
  }

  function clearErrors(form) {
    form.querySelectorAll('.field-error[id$="-error"]').forEach((node) => node.remove());
    form.querySelectorAll("[aria-invalid]").forEach((field) => {
      field.removeAttribute("aria-invalid");
      describedBy(field, (id) => id && id !== field.name + "-error");
    });
  }

  // Errors of fields the reader can see go next to them; the others are returned.
  function showErrors(form, errors) {
    const elsewhere = [];
    Object.keys(errors || {}).forEach((name) => {
      const message = [].concat(errors[name]).join(" ");
      const field = form.elements[name];
      if (!field || !field.nodeName || field.type === "hidden") return elsewhere.push(message);
      const note = element("strong", { className: "field-error", id: name + "-error", textContent: message });
      field.insertAdjacentElement("afterend", note);
      field.setAttribute("aria-invalid", "true");
      field.setAttribute("aria-describedby", ((field.getAttribute("aria-describedby") || "") + " " + note.id).trim());
    });
    return elsewhere;
  }

  async function post(form) {
    const data = new FormData(form);
    const payload = {};
    FIELDS.forEach((name) => {
      const value = data.get(name);
      if (value !== null && value !== "") payload[name] = value;
    });
    const response = await fetch(form.getAttribute("data-api-url"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(payload),
    });
    const body = await response.json().catch(() => ({}));
    return { status: response.status, body: body || {} };
  }

  function goTo(url) {
    const target = new URL(url, window.location.href), here = window.location;
    if (target.pathname !== here.pathname || target.search !== here.search) return here.assign(target.href);
    here.hash = target.hash;
    here.reload(); // same page: reload it, scrolled to the new comment
  }

  function enhance(form) {
    let busy = false;
    // A page from the cache has no question: fetch one for this reader. If that fails, the
    // form keeps working as the two-step HTML post.
    if (!form.querySelector("[data-challenge-slot] " + TOKEN)) loadChallenge(form).catch(() => {});

    form.addEventListener("submit", async (event) => {
      if (!form.querySelector("[data-challenge-slot] " + TOKEN)) return; // plain HTML post
      event.preventDefault();
      if (busy) return;
      busy = true;
      const button = form.querySelector('[type="submit"]');
      if (button) button.disabled = true;
      clearErrors(form);
      say(form, text(form, "posting", "Posting…"));
      let result;
      try {
        result = await post(form);
      } catch (error) {
        form.submit(); // the network failed: let the HTML view take it
        return;
      } finally {
        busy = false;
        if (button) button.disabled = false;
      }
      const body = result.body;
      if (result.status === 201) {
        say(form, text(form, "published", "Your comment is published."));
        goTo(body.url);
      } else if (result.status === 202) {
        say(form, body.message || text(form, "pending", "Your comment awaits moderation."));
        if (form.elements.body) form.elements.body.value = "";
        loadChallenge(form).catch(() => {}); // the question was spent
      } else {
        if (body.challenge) showChallenge(form, body.challenge);
        const elsewhere = showErrors(form, body.errors);
        const detail = body.detail || text(form, "failed", "Your comment could not be posted.");
        say(form, [detail].concat(elsewhere).join(" "));
        const first = form.querySelector('[aria-invalid="true"]');
        if (first) first.focus();
      }
    });
  }

  document.querySelectorAll("form[data-comment-form]").forEach(enhance);
})();
