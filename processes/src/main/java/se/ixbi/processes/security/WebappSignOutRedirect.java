package se.ixbi.processes.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;

/**
 * The webapps' pages allow forms to post only to their own origin ({@code form-action 'self'}), so a redirect to
 * Keycloak's end-session endpoint would be blocked there: their sign-out gets the address as JSON and goes there
 * itself. The console's {@code POST /logout} is redirected as usual.
 */
class WebappSignOutRedirect implements RedirectStrategy {

    private final RedirectStrategy redirect = new DefaultRedirectStrategy();

    @Override
    public void sendRedirect(HttpServletRequest request, HttpServletResponse response, String url) throws IOException {
        if (!WebappSignOutGuard.SIGN_OUT.matches(request)) {
            redirect.sendRedirect(request, response, url);
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().print("{\"next\":\"" + jsonEscaped(url) + "\"}");
    }

    private static String jsonEscaped(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
