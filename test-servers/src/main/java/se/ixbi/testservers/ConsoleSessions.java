package se.ixbi.testservers;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser's session with the console in the embedded default, for tests that read its pages over HTTP. */
public final class ConsoleSessions {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private ConsoleSessions() {
    }

    /** The console's own sign-in form, with the CSRF token its page carries; returns the browser, signed in. */
    public static HttpClient signIn(String base, String user) {
        try {
            HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher csrf = CSRF_FIELD.matcher(page.body());
            if (!csrf.find()) {
                throw new AssertionError("no CSRF token in the sign-in form: " + page.body());
            }
            String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                    + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1);
            HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            String landing = signedIn.headers().firstValue("Location").orElse("");
            if (signedIn.statusCode() != 302 || landing.contains("error")) {
                throw new AssertionError(user + " could not sign in to the console: " + signedIn.statusCode() + " "
                        + landing);
            }
            return browser;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
