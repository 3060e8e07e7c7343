// Times: the server writes them in its own zone with the instant in
// datetime; show them in the viewer's zone (UTC stays on hover).
function localTimes(root) {
  if (!window.Intl) { return; }
  var f = new Intl.DateTimeFormat(undefined, {year: "numeric", month: "2-digit", day: "2-digit",
    hour: "2-digit", minute: "2-digit", hour12: false, timeZoneName: "short"});
  var ts = (root || document).querySelectorAll("time[datetime]");
  for (var i = 0; i < ts.length; i++) {
    var d = new Date(ts[i].getAttribute("datetime"));
    if (!isNaN(d)) { ts[i].textContent = f.format(d); }
  }
}
localTimes(document);

// Live view of a drill: re-fetch the server-rendered fragment every 3 seconds
// while the drill runs. Without JavaScript the page has a refresh link.
(function () {
  var live = document.getElementById("live");
  if (!live || !window.fetch) { return; }
  var last = null;
  function tick() {
    fetch(live.getAttribute("data-src"), {credentials: "same-origin"}).then(function (r) {
      if (!r.ok || r.redirected) { throw new Error(r.status); } // signed out: keep the page
      return r.text();
    }).then(function (html) {
      if (html !== last) { live.innerHTML = html; last = html; localTimes(live); } // announce changes only
      var st = document.getElementById("drill-status");
      if (st && /running|aborting|rolling-back/.test(st.textContent)) { setTimeout(tick, 3000); }
    }).catch(function () { setTimeout(tick, 10000); });
  }
  setTimeout(tick, 3000);
})();
