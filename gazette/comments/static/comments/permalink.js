// A link to #comment-N made before the conversation ran to several pages (an old feed entry,
// a bookmark) may land on a page that does not show that comment. Then ask the comment's
// lasting address, /comments/N/, which redirects to the page that does. Without JavaScript
// the reader stays on the page they asked for.
(function () {
  "use strict";
  var match = /^#comment-(\d+)$/.exec(window.location.hash);
  var section = document.getElementById("comments");
  if (!match || !section || document.getElementById("comment-" + match[1])) {
    return;
  }
  var template = section.getAttribute("data-comment-permalink");
  if (template) {
    window.location.replace(template.replace(/\/0\/$/, "/" + match[1] + "/"));
  }
})();
