// The e-CPS waiting page: reload once the server says the phone has answered (server-sent events); the page's own
// reload then continues to the application or shows what went wrong. Without EventSource, the page's link does it.
(function () {
  var page = document.getElementById('ecps-wait');
  if (!page || !window.EventSource) {
    return;
  }
  var source = new EventSource(page.getAttribute('data-events'));
  source.addEventListener('settled', function () {
    source.close();
    window.location.reload();
  });
  source.onerror = function () {
    source.close();
    window.setTimeout(function () { window.location.reload(); }, 3000);
  };
})();
