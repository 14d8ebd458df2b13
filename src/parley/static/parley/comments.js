/* Parley comments: validate the "Leave a Reply" form, move it under a comment to reply,
   and fill saved commenter details. The messages come from the server (json_script). */
(function () {
  "use strict";
  var form = document.getElementById("commentform");
  var data = document.getElementById("parley-comment-messages");
  if (!form || !data) { return; }
  var text = JSON.parse(data.textContent);
  var EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

  function validUrl(value) {
    if (value.indexOf("://") === -1) { value = "http://" + value; }
    try {
      var url = new URL(value);
      return (url.protocol === "http:" || url.protocol === "https:") &&
        url.hostname.indexOf(".") > 0 && !/\s/.test(value);
    } catch (e) { return false; }
  }

  function problem(field) {
    var value = field.value.trim();
    if (field.required && !value) { return text.required; }
    if (value && text.maxLengths[field.name] && field.value.length > text.maxLengths[field.name]) {
      return text.tooLong[field.name];
    }
    if (value && field.name === "email" && !EMAIL.test(value)) { return text.email; }
    if (value && field.name === "url" && !validUrl(value)) { return text.url; }
    return "";
  }

  function show(field, message) {
    var errorId = field.id + "-error";
    var error = document.getElementById(errorId);
    var described = (field.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (id) {
      return id && id !== errorId;
    });
    if (message) {
      error.textContent = message;
      error.hidden = false;
      field.setAttribute("aria-invalid", "true");
      described.push(errorId);
    } else {
      error.textContent = "";
      error.hidden = true;
      field.removeAttribute("aria-invalid");
    }
    if (described.length) { field.setAttribute("aria-describedby", described.join(" ")); }
    else { field.removeAttribute("aria-describedby"); }
    return !message;
  }

  var fields = ["comment", "author", "email", "url"].map(function (name) {
    return form.elements[name];
  }).filter(Boolean);

  fields.forEach(function (field) {
    field.addEventListener("blur", function (event) {
      /* Leaving for the submit button: the submit check runs next. Showing a message now
         would move the button away from under the pointer and swallow the click. */
      var next = event.relatedTarget;
      if (next && next.form === form && next.type === "submit") { return; }
      show(field, problem(field));
    });
  });

  form.addEventListener("submit", function (event) {
    var first = null;
    fields.forEach(function (field) {
      if (!show(field, problem(field)) && !first) { first = field; }
    });
    if (first) {
      event.preventDefault();
      first.focus();
    }
  });

  /* Saved name, email and website (the opt-in parley_commenter cookie). */
  var saved = document.cookie.split("; ").filter(function (c) {
    return c.indexOf("parley_commenter=") === 0;
  })[0];
  if (saved) {
    try {
      var values = JSON.parse(decodeURIComponent(saved.slice("parley_commenter=".length)));
      ["author", "email", "url"].forEach(function (name) {
        if (form.elements[name] && !form.elements[name].value && values[name]) {
          form.elements[name].value = values[name];
        }
      });
      var consent = document.getElementById("wp-comment-cookies-consent");
      if (consent) { consent.checked = true; }
    } catch (e) { /* a malformed cookie is ignored */ }
  }

  /* Reply links move the form under the comment; without script they open ?replytocom=ID. */
  var respond = document.getElementById("respond");
  var home = document.createElement("div");
  home.id = "respond-home";
  home.hidden = true;
  respond.parentNode.insertBefore(home, respond);
  var title = document.getElementById("reply-title");
  var cancel = document.getElementById("cancel-comment-reply-link");
  var parentInput = document.getElementById("comment_parent");
  var titleText = title.firstChild;

  document.querySelectorAll(".comment-reply-link").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var below = document.getElementById(link.getAttribute("data-belowelement"));
      if (!below) { return; }
      event.preventDefault();
      below.parentNode.insertBefore(respond, below.nextSibling);
      parentInput.value = link.getAttribute("data-commentid");
      titleText.nodeValue = link.getAttribute("aria-label").replace(/^Reply to /, "Leave a Reply to ") + " ";
      cancel.hidden = false;
      form.elements.comment.focus();
    });
  });

  cancel.addEventListener("click", function (event) {
    event.preventDefault();
    home.parentNode.insertBefore(respond, home);
    parentInput.value = "0";
    titleText.nodeValue = "Leave a Reply ";
    cancel.hidden = true;
  });
}());
