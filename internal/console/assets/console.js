// Times: the server writes them in its own zone with the instant in
// datetime; show them in the viewer's zone (UTC stays on hover), the Dutch
// way on a Dutch page, else in the viewer's own format.
function localTimes(root) {
  if (!window.Intl) { return; }
  var nl = document.documentElement.lang === "nl";
  var f = new Intl.DateTimeFormat(nl ? "nl" : undefined, {year: "numeric", month: "2-digit", day: "2-digit",
    hour: "2-digit", minute: "2-digit", hour12: false, timeZoneName: "short"});
  var ts = (root || document).querySelectorAll("time[datetime]");
  for (var i = 0; i < ts.length; i++) {
    var d = new Date(ts[i].getAttribute("datetime"));
    if (!isNaN(d)) { ts[i].textContent = f.format(d); }
  }
}
localTimes(document);

// Live view of a drill: re-fetch the server-rendered fragment every 3 seconds
// while the drill runs, and replace only the parts that changed (each part
// has an id), so that a screen reader hears only the status lines (the
// aria-live ones, updated in place). When the sign-in session has ended the
// page says so instead of freezing. Without JavaScript the page has a
// refresh link.
(function () {
  var live = document.getElementById("live");
  if (!live || !window.fetch || !window.DOMParser) { return; }
  function parts(el) {
    var out = [];
    for (var i = 0; i < el.children.length; i++) {
      if (!el.children[i].id) { return null; }
      out.push(el.children[i]);
    }
    return out;
  }
  // patch makes old look like neu: unchanged parts stay as they are, live
  // regions get their new content in place (so it is announced), parts whose
  // children all have the same ids are patched child by child, and anything
  // else is replaced.
  function patch(old, neu) {
    if (old.outerHTML === neu.outerHTML) { return; }
    var a = parts(old), b = parts(neu);
    var same = a && b && a.length === b.length && a.length > 0;
    for (var i = 0; same && i < a.length; i++) { same = a[i].id === b[i].id; }
    if (same) {
      if (old.className !== neu.className) { old.className = neu.className; }
      for (var j = 0; j < a.length; j++) { patch(a[j], b[j]); }
    } else if (old === live || old.hasAttribute("aria-live")) {
      old.innerHTML = neu.innerHTML;
    } else {
      old.replaceWith(neu);
    }
  }
  function signedOut() {
    var st = document.getElementById("drill-status-line");
    var p = document.createElement("p");
    p.className = "error signed-out";
    p.setAttribute("role", "alert");
    var a = document.createElement("a");
    a.href = "/login?next=" + encodeURIComponent(location.pathname);
    var nl = document.documentElement.lang === "nl";
    a.textContent = nl ? "meld u opnieuw aan" : "sign in again";
    p.appendChild(document.createTextNode(nl ? "Afgemeld — " : "Signed out — "));
    p.appendChild(a);
    p.appendChild(document.createTextNode(nl ? " om de oefening te volgen; deze pagina wordt niet meer bijgewerkt." :
      " to follow the drill; this page stopped updating."));
    live.insertBefore(p, live.firstChild);
    if (st) { st.removeAttribute("aria-live"); }
  }
  var last = live.innerHTML;
  function tick() {
    fetch(live.getAttribute("data-src"), {credentials: "same-origin"}).then(function (r) {
      if (r.status === 401 || (r.redirected && new URL(r.url).pathname === "/login")) {
        return "signed-out";
      }
      if (!r.ok) { throw new Error(r.status); }
      return r.text();
    }).then(function (html) {
      if (html === "signed-out") { signedOut(); return; }
      if (html !== last) {
        last = html;
        var doc = new DOMParser().parseFromString("<div id=\"live\">" + html + "</div>", "text/html");
        var neu = doc.getElementById("live");
        localTimes(neu); // as the page shows them, so that unchanged parts compare equal
        patch(live, neu);
      }
      var st = document.getElementById("drill-status");
      if (st && /running|aborting|rolling-back/.test(st.textContent)) { setTimeout(tick, 3000); }
    }).catch(function () { setTimeout(tick, 10000); });
  }
  setTimeout(tick, 3000);
})();
