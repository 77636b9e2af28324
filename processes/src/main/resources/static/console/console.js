// Times arrive as ISO-8601 instants in <time datetime>; people read them in their own time zone.
(function () {
  const format = new Intl.DateTimeFormat(undefined, {dateStyle: 'medium', timeStyle: 'short'});

  function localTimes(root) {
    root.querySelectorAll('time[datetime]').forEach(time => {
      const at = new Date(time.getAttribute('datetime'));
      if (!isNaN(at)) {
        time.textContent = format.format(at);
        time.title = at.toISOString();
      }
    });
  }

  document.addEventListener('DOMContentLoaded', () => localTimes(document));
  // htmx announces each piece of new content (the board's refreshed rows) with htmx:load
  document.addEventListener('htmx:load', event => localTimes(event.detail.elt));
})();
