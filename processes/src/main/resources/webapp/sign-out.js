// Keycloak mode: "Sign out" in Cockpit, Tasklist and Admin must end the IXBI session and the Keycloak session,
// not only the webapp's own, or the next page would sign the person straight back in. The menu item keeps its
// place and text; a click posts to the server's sign-out with the webapp's token and then goes where the server
// says (Keycloak's end-session page). Not a form: these pages may post forms only to their own origin, and the
// way out leads through Keycloak.
const SIGN_OUT = document.querySelector('base').getAttribute('app-root') + '/sign-out';

function webappToken() {
  const cookie = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN='));
  return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : '';
}

async function signOut() {
  const response = await fetch(SIGN_OUT, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {'X-XSRF-TOKEN': webappToken(), 'Accept': 'application/json'}
  });
  if (!response.ok) {
    window.alert('Not signed out: ' + (await response.text()));
    return;
  }
  window.location.assign((await response.json()).next);
}

document.addEventListener('click', event => {
  const item = event.target instanceof Element && event.target.closest('li.logout a');
  if (item) {
    event.preventDefault();
    event.stopImmediatePropagation();
    signOut();
  }
}, true);
