(function () {
  "use strict";
  // The review app's verdict buttons: POST /verdict with the session's token, then show the
  // stored verdict on the card. Text from the server is set with textContent, never as HTML.
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (!meta) { return; }
  var token = meta.getAttribute("content");

  function show(card, stored) {
    card.dataset.status = stored.verdict;
    card.className = card.className.replace(/\bstatus-[a-z-]+/, "status-" + stored.verdict);
    var state = card.querySelector(".review-state");
    if (!state) { return; }
    state.className = "review-state";
    state.textContent = "";
    var tag = document.createElement("span");
    tag.className = "tag verdict v-" + stored.verdict;
    tag.textContent = stored.verdict;
    state.appendChild(tag);
    var by = " by " + stored.reviewer + (stored.note ? ": \u201c" + stored.note + "\u201d" : "");
    state.appendChild(document.createTextNode(by));
  }

  function send(card, button) {
    var note = card.querySelector(".verdict-note");
    var message = card.querySelector(".verdict-msg");
    var body = {
      finding_id: card.dataset.findingId,
      verdict: button.dataset.verdict,
      note: note && note.value.trim() ? note.value.trim() : null
    };
    message.textContent = "saving\u2026";
    fetch("/verdict", {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRF-Token": token},
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (data) { return {ok: response.ok, data: data}; });
    }).then(function (result) {
      if (!result.ok) {
        message.textContent = "not saved: " + (result.data.detail || "refused");
        return;
      }
      show(card, result.data);
      message.textContent = "saved";
    }).catch(function () {
      message.textContent = "not saved: the review app did not answer";
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-verdict]") : null;
    var card = button ? button.closest("[data-finding-id]") : null;
    if (card) { send(card, button); }
  });
}());
